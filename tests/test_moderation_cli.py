"""`socialbot comments classify`: exit codes, JSON shape, --batch, policy thresholds."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner

from social_bot.cli.classify_cmd import classify

POLICY = textwrap.dedent("""
    [approval]
    required = 2
    approvers = [
      { name = "Dana Whitfield", slack_id = "U01DANA", mattermost_id = "dana", os_user = "dana" },
      { name = "Luis Ortega",    slack_id = "U02LUIS", mattermost_id = "luis", os_user = "luis" },
    ]

    [phi]
    allow_names = ["Dr. Priya Raman", "Northside Family Medicine"]
    allow_domains = ["northsidefm.example"]

    [moderation]
    auto_hide = ["phi", "abuse"]
    {extra}
""")


@pytest.fixture
def env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """No .env, no policy file: defaults, as on a fresh machine."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("SOCIALBOT_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("SOCIALBOT_POLICY", raising=False)
    return tmp_path


def run(*args: str, stdin: str | None = None):
    return CliRunner().invoke(classify, list(args), input=stdin)


def test_unflagged_exits_0_with_json_shape(env: Path) -> None:
    result = run("--fast", "--json", "Thank you, lovely staff!")
    assert result.exit_code == 0, result.output
    assert json.loads(result.output) == {"flags": []}


def test_flagged_exits_1_with_flag_score_reason(env: Path) -> None:
    result = run("--fast", "--json",
                 "You people are idiots. My sugar has been over 300 all week, should I double "
                 "my metformin?")
    assert result.exit_code == 1, result.output
    flags = json.loads(result.output)["flags"]
    assert {"abuse", "medical_advice"} <= {f["flag"] for f in flags}
    for f in flags:
        assert set(f) == {"flag", "score", "reason"}
        assert isinstance(f["score"], float) and f["reason"]


def test_human_output_says_whether_it_would_be_hidden(env: Path) -> None:
    hidden = run("--fast", "This place is a fucking joke.")
    assert hidden.exit_code == 1 and "hidden" in hidden.output and "abuse" in hidden.output
    queued = run("--fast", "Waited two hours and nobody apologized.")
    assert queued.exit_code == 1 and "not hidden" in queued.output
    assert run("--fast", "Great post!").output.strip() == "no flags"


def test_file_input(env: Path) -> None:
    path = env / "comment.txt"
    path.write_text("Earn $500 a day!! http://bit.ly/abc", encoding="utf-8")
    result = run("--fast", "--json", "--file", str(path))
    assert result.exit_code == 1
    assert [f["flag"] for f in json.loads(result.output)["flags"]] == ["spam"]


@pytest.mark.parametrize("args", [
    (),  # nothing to classify
    ("text", "--file", "-"),  # two sources
    ("   ",),  # empty comment
])
def test_bad_input_exits_2(env: Path, args: tuple[str, ...]) -> None:
    result = run("--fast", *args, stdin="x")
    assert result.exit_code == 2
    assert "error" in result.output.lower() or "Error" in result.output


def test_batch_plain_and_jsonl_one_result_per_line(env: Path) -> None:
    path = env / "comments.txt"
    path.write_text("\n".join([
        "Thanks for the reminder!",
        json.dumps({"text": "Should I stop taking my warfarin?", "id": 7}),
        "{not json, just a brace}",
        "shit service",
    ]) + "\n", encoding="utf-8")
    result = run("--fast", "--batch", str(path))
    assert result.exit_code == 1
    rows = [json.loads(line) for line in result.output.splitlines()]
    assert len(rows) == 4  # a blank line is refused since session 47
    flags = [{f["flag"] for f in row["flags"]} for row in rows]
    assert flags[0] == set() and flags[2] == set()
    assert "medical_advice" in flags[1] and "abuse" in flags[3]


def test_batch_all_clean_exits_0(env: Path) -> None:
    path = env / "clean.jsonl"
    path.write_text('{"text": "Great post"}\n{"text": "Are you open Saturday?"}\n',
                    encoding="utf-8")
    result = run("--fast", "--batch", str(path))
    assert result.exit_code == 0
    assert [json.loads(x) for x in result.output.splitlines()] == [
        {"flags": [], "line": 1}, {"flags": [], "line": 2}]


def test_batch_json_without_text_exits_2(env: Path) -> None:
    path = env / "bad.jsonl"
    path.write_text('{"body": "hi"}\n', encoding="utf-8")
    result = run("--fast", "--batch", str(path))
    assert result.exit_code == 2 and "line 1" in result.output


def test_thresholds_and_domains_come_from_the_policy_file(env: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    policy = env / "policy.toml"
    # a threshold above the shipped one needs its reason (session 46)
    policy.write_text(POLICY.replace("{extra}", "thresholds = { negative = 0.99 }\n"
                                     "[loosened]\n'moderation.thresholds.negative' = "
                                     "'complaints are read in the weekly review'"),
                      encoding="utf-8")
    monkeypatch.setenv("SOCIALBOT_POLICY", str(policy))
    assert run("--fast", "Three weeks to get a refill approved is ridiculous.").exit_code == 0
    assert run("--fast", "More at https://northsidefm.example/flu").exit_code == 0


def test_bad_policy_exits_2_in_one_line(env: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    policy = env / "policy.toml"
    policy.write_text(POLICY.replace('auto_hide = ["phi", "abuse"]', 'auto_hide = ["negative"]')
                      .replace("{extra}", ""), encoding="utf-8")
    monkeypatch.setenv("SOCIALBOT_POLICY", str(policy))
    result = run("--fast", "hello")
    assert result.exit_code == 2
    assert "negative" in result.output and len(result.output.strip().splitlines()) == 1


def test_with_the_phi_model(env: Path) -> None:
    pytest.importorskip("policies.phi")
    result = run("--json", "I was diagnosed with lupus last year, thanks for this post.")
    if result.exit_code == 2 and "PHI" in result.output:
        pytest.skip(f"PHI model unusable here: {result.output.strip()}")
    assert result.exit_code == 1, result.output
    assert "self_disclosure" in {f["flag"] for f in json.loads(result.output)["flags"]}


def test_through_the_socialbot_root_command(env: Path, capsys: pytest.CaptureFixture) -> None:
    from social_bot.cli import main

    with pytest.raises(SystemExit) as info:
        main(["comments", "classify", "--fast", "--json", "fuck this office"])
    assert info.value.code == 1
    assert "abuse" in {f["flag"] for f in json.loads(capsys.readouterr().out)["flags"]}
