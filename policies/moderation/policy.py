"""The moderation policy: the [moderation] table of the practice's policy file."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass, field
from types import MappingProxyType
from typing import Any

FLAGS = ("negative", "abuse", "phi", "self_disclosure", "medical_advice", "spam", "unjudged",
         "crisis")
# Flags the daemon's comment monitor raises itself (social_bot/daemon/monitor.py), score 1.0,
# for a person to read the comment on the platform: too long to judge, not checked (no text,
# or the classifier failed on it), or holding characters the database cannot store. No
# threshold, never hidden automatically, so not in the policy's [moderation] tables.
DAEMON_FLAGS = ("too_long", "unchecked", "unstorable")
# Every flag a stored comment can carry: what the docs, the screen's words and the chat
# guard's line of flag names enumerate (tests/test_small_session53.py compares them).
ALL_FLAGS = (*FLAGS, *DAEMON_FLAGS)

# A score >= its flag's threshold raises the flag; a practice sets its own in
# [moderation.thresholds]. bench/moderation_eval.py prints every flag's precision/recall
# curve on each labelled set, so a practice can pick its own point. Where each default was
# chosen (THRESHOLD_SOURCE, printed by the bench): on public data or the team's held-out
# comments where a flag has them, else on the independent dev set (then the dev-set figures
# of that flag are fit, not accuracy).
DEFAULT_THRESHOLDS: Mapping[str, float] = MappingProxyType(
    {"negative": 0.40, "abuse": 0.35, "phi": 0.5, "self_disclosure": 0.5,
     "medical_advice": 0.55, "spam": 0.20, "unjudged": 0.5, "crisis": 0.5}
)
THRESHOLD_SOURCE: Mapping[str, str] = MappingProxyType({
    "negative": "best F1 on TweetEval validation and on the team's held-out comments; the "
                "writers' head (weights_writers.json) has its operating point, chosen on "
                "three independent writers' comments (out-of-fold precision >= 0.85), "
                "shifted onto this default",
    "abuse": "OLID (TweetEval offensive) validation: recall >= 0.60 at precision >= 0.70",
    "phi": "dev set (flat between 0.1 and 0.7: the rule scores are steps)",
    "self_disclosure": "dev set; the writers' head's operating point (chosen on three "
                       "independent writers' comments, out-of-fold precision >= 0.85) is "
                       "shifted onto this default",
    "medical_advice": "dev set (no public labelled data for advice requests)",
    "spam": "dev set",
    "crisis": "not a learned score: 0.9 where a construction of crisis.py (suicide or "
              "self-harm, English or Spanish) matches, 0 otherwise; a threshold above 0.9 "
              "would switch it off and is refused",
    "unjudged": "not a learned score: 1 not judged (a language the models cannot read), 0.6 "
                "Spanish (judged with low confidence), 0 otherwise",
})

# Hiding on the platform needs more certainty than a place in the review queue: a flag in
# auto_hide hides the comment only when its score also reaches this (falls back to the flag's
# own threshold). From the abuse curve on the dev set: at 0.7 about half of the abusive
# comments are hidden at once and nearly nothing else is; the rest wait, flagged, for a person.
DEFAULT_HIDE_THRESHOLDS: Mapping[str, float] = MappingProxyType({"abuse": 0.7, "phi": 0.5})

# Flags a policy may never hide automatically, with the reason given when one tries.
NEVER_AUTO_HIDE: Mapping[str, str] = MappingProxyType({
    "negative": "hiding criticism backfires, a person must review it",
    "self_disclosure": "a commenter sharing their own health story is not a breach by the "
                       "practice, and hiding it hides the practice's best testimonials; a "
                       "person reviews it and any reply gets the reply screen",
    "crisis": "a comment about suicide or self-harm is a cry for help: hiding it hides the "
              "person from everyone who could answer, and tells them no one listened; staff "
              "reach out to them privately instead",
})

# Never "your visit", "your doctor", "as our patient": answering so confirms a care
# relationship, which is itself PHI. Every template moves the talk to the phone.
DEFAULT_REPLY_TEMPLATES: Mapping[str, str] = MappingProxyType(
    {
        "negative": (
            "Thank you for taking the time to share this. We take every concern seriously "
            "and would like to understand what happened. Please call our office and ask for "
            "the practice manager so we can talk it through privately."
        ),
        "medical_advice": (
            "Thank you for reaching out. We can't give medical advice on social media. "
            "Please call our office so a member of our clinical team can help you privately. "
            "If this is an emergency, call 911."
        ),
        "phi": (
            "Thank you for your comment. To protect everyone's privacy, please don't share "
            "personal health details here. Our team is glad to help by phone: please call "
            "our office."
        ),
        "self_disclosure": (
            "Thank you so much for sharing this with our community. If there is anything "
            "our team can help with, please call our office."
        ),
        # a public answer to a comment flagged "crisis", after staff reached out privately:
        # it points to help anyone can use and says nothing of care or of the person's words
        "crisis": (
            "We're really glad you reached out, and we want to help. You can call or text "
            "988, the Suicide & Crisis Lifeline, any time, day or night (en español: llame "
            "al 988 y marque 2, o envíe AYUDA al 988), or chat at 988lifeline.org. If you "
            "are in immediate danger, please call 911. You can also call our office, and our "
            "team will talk with you privately."
        ),
        "general": (
            "Thank you for your comment. If you have a question or concern, please call our "
            "office and our team will be glad to help."
        ),
    }
)

_KEYS = ("thresholds", "hide_thresholds", "auto_hide", "monitor_days", "reply_templates")


def _frozen(mapping: Mapping[str, Any]) -> Mapping[str, Any]:
    return MappingProxyType(dict(mapping))


@dataclass(frozen=True)
class Flag:
    flag: str  # one of FLAGS
    score: float  # 0..1, compared with the policy's threshold for this flag
    reason: str  # one sentence a practice manager understands

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class ModerationPolicy:
    thresholds: Mapping[str, float] = field(default_factory=lambda: DEFAULT_THRESHOLDS)
    auto_hide: tuple[str, ...] = ("phi", "abuse")
    monitor_days: int = 14
    reply_templates: Mapping[str, str] = field(default_factory=lambda: DEFAULT_REPLY_TEMPLATES)
    hide_thresholds: Mapping[str, float] = field(
        default_factory=lambda: DEFAULT_HIDE_THRESHOLDS)

    def __post_init__(self) -> None:
        # one check for both doors: from_toml and direct construction
        _refuse_never_hidden(self.auto_hide)
        _refuse_crisis_off(self.thresholds)

    def threshold(self, flag: str) -> float:
        return float(self.thresholds.get(flag, DEFAULT_THRESHOLDS[flag]))

    def hide_threshold(self, flag: str) -> float:
        """The score at which a flag in auto_hide hides the comment (never below the flag's
        own threshold)."""
        return max(self.threshold(flag), float(self.hide_thresholds.get(flag, 0.0)))

    @classmethod
    def from_toml(cls, section: dict) -> ModerationPolicy:
        """Build from the [moderation] table; ValueError with one line on a bad value."""
        if not isinstance(section, dict):
            raise ValueError("[moderation] must be a table")
        unknown = sorted(set(section) - set(_KEYS))
        if unknown:
            raise ValueError(
                f"[moderation] has unknown key(s): {', '.join(unknown)} "
                f"(known: {', '.join(_KEYS)})"
            )
        return cls(
            thresholds=_frozen(
                {**DEFAULT_THRESHOLDS, **_thresholds(section.get("thresholds", {}))}
            ),
            auto_hide=_auto_hide(section.get("auto_hide", ["phi", "abuse"])),
            monitor_days=_monitor_days(section.get("monitor_days", 14)),
            reply_templates=_frozen(
                {**DEFAULT_REPLY_TEMPLATES, **_templates(section.get("reply_templates", {}))}
            ),
            hide_thresholds=_frozen(
                {**DEFAULT_HIDE_THRESHOLDS,
                 **_thresholds(section.get("hide_thresholds", {}), "hide_thresholds")}
            ),
        )


def _thresholds(raw: Any, key: str = "thresholds") -> dict[str, float]:
    if not isinstance(raw, dict):
        raise ValueError(f"[moderation] {key} must be a table like {{ abuse = 0.5 }}")
    out: dict[str, float] = {}
    for flag, value in raw.items():
        _refuse_daemon_flag(flag, key)
        if flag not in FLAGS:
            raise ValueError(
                f"[moderation] {key}: unknown flag {flag!r} (known: {', '.join(FLAGS)})"
            )
        if isinstance(value, bool) or not isinstance(value, int | float) or not 0 < value <= 1:
            raise ValueError(
                f"[moderation] {key}.{flag} must be a number above 0 and at most 1"
            )
        out[flag] = float(value)
    return out


def _auto_hide(raw: Any) -> tuple[str, ...]:
    if not isinstance(raw, list) or not all(isinstance(v, str) for v in raw):
        raise ValueError("[moderation] auto_hide must be a list of flag names")
    for flag in raw:
        _refuse_daemon_flag(flag, "auto_hide")
        if flag not in FLAGS:
            raise ValueError(
                f"[moderation] auto_hide: unknown flag {flag!r} (known: {', '.join(FLAGS)})"
            )
    _refuse_never_hidden(raw)
    return tuple(dict.fromkeys(raw))


def _refuse_daemon_flag(flag: str, key: str) -> None:
    """A flag the daemon raises itself has no score to set a threshold on and is never
    hidden: said so, instead of "unknown flag" for a flag the docs list."""
    if flag in DAEMON_FLAGS:
        raise ValueError(
            f"[moderation] {key}: {flag!r} is raised by the daemon itself (score 1.0, for a "
            f"person to read the comment on the platform), so it has no threshold and is "
            f"never hidden automatically; the flags set here: {', '.join(FLAGS)}")


def _refuse_never_hidden(flags: Sequence[str]) -> None:
    for flag in flags:
        if flag in NEVER_AUTO_HIDE:
            raise ValueError(
                f"[moderation] auto_hide may not include \"{flag}\": {NEVER_AUTO_HIDE[flag]}"
            )


def _refuse_crisis_off(thresholds: Mapping[str, float]) -> None:
    """`crisis` is not a learned score: 0.9 where a construction of crisis.py matches, 0
    elsewhere. A threshold above 0.9 only switches it off, and a [loosened] reason let that
    through (an outside review, session 46): a person at risk then reaches no one as
    urgent. Refused, like a crisis in auto_hide."""
    from policies.moderation.crisis import SCORE

    if float(thresholds.get("crisis", 0.0)) > SCORE:
        raise ValueError(
            f"[moderation] thresholds.crisis may not be above {SCORE:g}: the flag is "
            f"{SCORE:g} where a comment speaks of suicide or self-harm, so a higher threshold "
            "switches it off, and such a comment must reach a person today")


def _monitor_days(raw: Any) -> int:
    if isinstance(raw, bool) or not isinstance(raw, int) or not 1 <= raw <= 365:
        raise ValueError("[moderation] monitor_days must be a whole number of days from 1 to 365")
    return raw


def _templates(raw: Any) -> dict[str, str]:
    if not isinstance(raw, dict):
        raise ValueError("[moderation] reply_templates must be a table of name = \"text\"")
    for name, text in raw.items():
        if not isinstance(text, str) or not text.strip():
            raise ValueError(f"[moderation] reply_templates.{name} must be non-empty text")
    return {name: text.strip() for name, text in raw.items()}


# Beside `crisis`, an `abuse` flag hides only when it is a harm to someone else: a threat, or
# a person exposed (the reasons classifier.score_abuse gives them). Profanity or name-calling
# in a cry for help ("f*** everything, I want to end my life") hid the very comment the
# crisis flag keeps visible (an outside review, session 46). `phi` still hides: a person's
# identity next to suicidal words is the most sensitive health information there is.
# Session 48: name-calling or an insult aimed at someone else (the staff, the practice, another
# commenter) with a crisis line appended hid nothing; the classifier now opens such an abuse
# reason with "Aimed at someone else" (aimed.AIMED), and it hides like a threat, the
# crisis flag still beside it. Swearing at one's own life stays visible.
HARM_TO_OTHERS = ("Reads as a threat", "Exposes or sends people after someone",
                  "Tells someone the commenter knows", "Tells where someone lives",
                  "Aimed at someone else")


def _hides(f: Flag, policy: ModerationPolicy, in_crisis: bool) -> bool:
    if f.flag not in policy.auto_hide or f.flag in NEVER_AUTO_HIDE:
        return False
    if in_crisis and f.flag == "abuse" and not str(f.reason).startswith(HARM_TO_OTHERS):
        return False
    return f.score >= policy.hide_threshold(f.flag)


def should_auto_hide(flags: Sequence[Flag], policy: ModerationPolicy) -> bool:
    """Hide on the platform until a person decides: a flag in auto_hide whose score reaches
    its hide threshold. "negative", "self_disclosure" and "crisis" never hide, whatever the
    policy says; beside "crisis", "abuse" hides only a harm to someone else (HARM_TO_OTHERS)."""
    in_crisis = any(f.flag == "crisis" for f in flags)
    return any(_hides(f, policy, in_crisis) for f in flags)
