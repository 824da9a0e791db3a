"""Images: decoded, oriented, stripped of metadata and stored 0600 by hash; text in them
and faces screened; the bytes that reach the sandbox are exactly the approved, clean bytes."""

from __future__ import annotations

import hashlib
import io
import json
import os
import sys
from pathlib import Path

import pytest
from PIL import Image, ImageDraw
from test_daemon_helpers import AUTHOR, DANA, LUIS

from adapters import build_adapter
from social_bot.approvals import approve
from social_bot.chat.ownwords import unmark
from social_bot.chat.render import post_card
from social_bot.daemon.config import DaemonConfig
from social_bot.daemon.publisher import Publisher
from social_bot.dismissals import dismiss
from social_bot.errors import Refused, UserError
from social_bot.media import clean_image, metadata_left
from social_bot.posts import create_post, prepare_draft, show_post
from social_bot.sandbox import sandbox_env

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
import media_samples  # noqa: E402

CONFIG = DaemonConfig(retry_base=0.0, retry_cap=0.0, max_attempts=3, batch=10)
# OCR and faces are slow on a shared machine: the flows run on SQLite only (the storage
# they touch is covered on both back ends by test_dismissals.py).
sqlite_only = pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)


def whiteboard(text: str = "Rm 4 \u2013 J. Ramirez \u2013 hip") -> Image.Image:
    image = Image.new("RGB", (1400, 700), (240, 240, 235))
    font = media_samples.fonts()[0](64)
    ImageDraw.Draw(image).text((80, 250), text, fill=(20, 30, 140), font=font)
    return image


def test_metadata_is_stripped_and_the_copy_is_private(tmp_path: Path) -> None:
    source = tmp_path / "phone.jpg"
    source.write_bytes(media_samples.photo_with_metadata(whiteboard("Open house")))
    assert metadata_left(source.read_bytes())  # the sample does carry metadata
    cleaned = clean_image(str(source), tmp_path / "media")
    for what in ("GPS position", "camera serial", "owner/artist name", "2 dates", "XMP",
                 "IPTC/Photoshop block", "comment"):
        assert what in cleaned.removed
    data = cleaned.path.read_bytes()
    assert metadata_left(data) == []
    assert hashlib.sha256(data).hexdigest() == cleaned.sha256
    assert cleaned.path.name == f"{cleaned.sha256}.jpg"
    assert cleaned.path.stat().st_mode & 0o777 == 0o600
    assert cleaned.path.parent.stat().st_mode & 0o777 == 0o700


def test_orientation_is_applied_before_stripping(tmp_path: Path) -> None:
    image = Image.new("RGB", (300, 100), "white")
    exif = Image.Exif()
    exif[0x0112] = 6  # "rotate 90 CW to display"
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", exif=exif)
    (tmp_path / "sideways.jpg").write_bytes(buffer.getvalue())
    cleaned = clean_image(str(tmp_path / "sideways.jpg"), tmp_path / "media")
    assert (cleaned.width, cleaned.height) == (100, 300)
    assert "orientation tag (applied to the pixels)" in cleaned.removed


def test_what_is_not_an_image_is_refused(tmp_path: Path) -> None:
    media = tmp_path / "media"
    fake = tmp_path / "notes.jpg"
    fake.write_text("not a picture")
    with pytest.raises(UserError, match="does not decode as an image"):
        clean_image(str(fake), media)
    good = tmp_path / "good.png"
    whiteboard("x").save(good)
    truncated = tmp_path / "cut.png"
    truncated.write_bytes(good.read_bytes()[:2000])
    with pytest.raises(UserError, match="does not decode"):
        clean_image(str(truncated), media)
    link = tmp_path / "link.png"
    link.symlink_to(good)
    with pytest.raises(UserError, match="symbolic link"):
        clean_image(str(link), media)
    fifo = tmp_path / "pipe.png"
    os.mkfifo(fifo)
    with pytest.raises(UserError, match="not a regular file"):
        clean_image(str(fifo), media)
    with pytest.raises(UserError, match="not found"):
        clean_image(str(tmp_path / "missing.png"), media)


def test_a_missing_ocr_engine_fails_closed(make_app, tmp_path, monkeypatch) -> None:  # noqa: ANN001
    from policies.media import engines

    def broken() -> None:
        raise engines.MediaScreenUnavailable("the OCR engine cannot load (ImportError); "
                                             + engines.FIX)

    monkeypatch.setattr(engines, "check_engines", broken)
    path = tmp_path / "board.png"
    whiteboard().save(path)
    with pytest.raises(UserError, match="images cannot be screened, nothing was queued"):
        prepare_draft(make_app(), "Our new whiteboard", ["facebook"], media=[str(path)])


@sqlite_only
def test_whiteboard_with_a_clean_caption_is_blocked_naming_the_image(make_app,  # noqa: ANN001
                                                                    tmp_path) -> None:
    app = make_app()
    path = tmp_path / "board.jpg"
    path.write_bytes(media_samples.photo_with_metadata(whiteboard()))
    draft = prepare_draft(app, "A busy morning on the ward!", ["facebook"], media=[str(path)],
                          alts=["Our ward whiteboard"])
    post_id = create_post(app, AUTHOR, draft)
    detail = show_post(app, post_id)
    assert detail["status"] == "blocked_phi"
    [finding] = [f for f in detail["findings"] if f["severity"] == "block"]
    assert finding["source"] == "image:1" and "Ramirez" in finding["text"]
    assert "read in image 1, region" in finding["reason"]
    [media] = detail["media"]
    assert "GPS position" in media["removed"] and media["alt"] == "Our ward whiteboard"



@sqlite_only
def test_staff_photo_with_two_faces_publishes_after_a_staff_dismissal(make_app, sandbox,  # noqa: ANN001
                                                                       tmp_path) -> None:
    pytest.importorskip("skimage")
    app = make_app()
    path = tmp_path / "team.jpg"
    path.write_bytes(media_samples.photo_with_metadata(media_samples.group_photo(2)))
    draft = prepare_draft(app, "Our team at the health fair", ["facebook", "x"],
                          media=[str(path)], alts=["Two of our nurses at the fair"])
    post_id = create_post(app, AUTHOR, draft)
    detail = show_post(app, post_id)
    assert detail["status"] == "blocked_phi"
    faces = [f for f in detail["findings"] if f["category"] == "photo"]
    assert [f["text"] for f in faces] == ["2 faces"] and faces[0]["source"] == "faces:1"
    ref = faces[0]["ref"]
    with pytest.raises(Refused, match="name the staff"):
        dismiss(app, AUTHOR, post_id, ref, "staff")
    dismiss(app, AUTHOR, post_id, ref, "staff", note="Ana Ruiz, Ben Cole")
    detail = show_post(app, post_id)
    assert detail["status"] == "pending_approval"
    # the card as rendered, own-words and unit marks taken out (the guard reads them)
    card = unmark(json.dumps(post_card(detail, 2), ensure_ascii=False), ())[0]
    assert "2 faces" in card and "staff member" in card and "Ana Ruiz, Ben Cole" in card
    assert "Media: 1 image(s): JPEG" in card

    approve(app, DANA, post_id)
    approve(app, LUIS, post_id)
    env = sandbox_env(sandbox.url)
    adapters = {name: build_adapter(name, env) for name in ("facebook", "x")}
    publisher = Publisher(app, adapters.__getitem__, "w1", CONFIG)
    for platform in adapters:
        publisher.run_lane(platform)
    assert show_post(app, post_id)["status"] == "published"
    uploaded = [u["data"] for u in sandbox.state.uploads.values()]
    approved = detail["media"][0]["sha256"]
    assert len(uploaded) == 2
    # the alt text went with each image (Facebook alt_text_custom, X /2/media/metadata)
    assert [u.get("alt") for u in sandbox.state.uploads.values()] == [
        "Two of our nurses at the fair"] * 2
    for data in uploaded:
        assert hashlib.sha256(data).hexdigest() == approved
        assert metadata_left(data) == []


@sqlite_only
def test_an_image_replaced_after_approval_is_not_published(make_app, sandbox,  # noqa: ANN001
                                                           tmp_path) -> None:
    app = make_app()
    path = tmp_path / "sign.png"
    whiteboard("Flu shots Saturday").save(path)
    post_id = create_post(app, AUTHOR, prepare_draft(app, "Flu shots Saturday", ["facebook"],
                                                    media=[str(path)], alts=["A sign"]))
    assert show_post(app, post_id)["status"] == "pending_approval"
    approve(app, DANA, post_id)
    approve(app, LUIS, post_id)
    stored = Path(show_post(app, post_id)["media"][0]["path"])
    stored.write_bytes(path.read_bytes() + b"swapped")  # replaced on disk after approval
    adapters = {"facebook": build_adapter("facebook", sandbox_env(sandbox.url))}
    Publisher(app, adapters.__getitem__, "w1", CONFIG).run_lane("facebook")
    [delivery] = show_post(app, post_id)["deliveries"]
    assert delivery["status"] == "failed"
    assert "changed after it was approved" in delivery["last_error"]
    assert sandbox.state.uploads == {}


@pytest.mark.parametrize("platform", ["linkedin", "facebook", "x"])
def test_alt_text_reaches_each_platform(sandbox, tmp_path, platform) -> None:  # noqa: ANN001
    path = tmp_path / "sign.png"
    whiteboard("Flu shots").save(path)
    adapter = build_adapter(platform, sandbox_env(sandbox.url))
    adapter.publish(f"Flu shots on {platform}", [path], ["A flu shot sign"])
    adapter.publish(f"Two on {platform}", [path, path], ["First sign", ""])
    alts = [u.get("alt") for u in sandbox.state.uploads.values()]
    assert alts == ["A flu shot sign", "First sign", None]
