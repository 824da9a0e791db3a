"""Session 45: a reply is screened with the comment it answers.

Before, `comments reply` screened the reply's words alone: "Yep, all clear!" passed under
"are my mole biopsy results in?", where it tells the world a biopsy result, and the
approvers were the only defence. Now the reply screen reads the comment too
(policies/phi/answering.py): under a comment that asks about or tells of the commenter's own
(or family's) care, a reply that answers it, says how the care stands, wishes on it or times
it blocks; general wording passes. Every text here is this file's own wording.
"""

from __future__ import annotations

from typing import Any

import pytest
from test_comments_review import published_facebook_post
from test_daemon_helpers import DANA, LUIS

from social_bot.approvals import approve
from social_bot.comments import reply_to_comment
from social_bot.daemon.config import DaemonConfig
from social_bot.daemon.publisher import Publisher
from social_bot.db.models import Comment
from social_bot.posts import Staff, edit_post, show_post

PAT = Staff("Pat Author", "pat")
RULE = "reply_answers_comment"
ASKS = "are my mole biopsy results in? been a week"
TELLS = "Three weeks on the new asthma controller and my wheezing is way down"
GENERAL_QUESTION = "Do you do mole checks for teenagers?"

MUST_BLOCK = [
    (ASKS, "Yep, all clear!"),
    (ASKS, "Not yet, give it two more days."),
    (ASKS, "They came back this morning, nothing concerning."),
    (ASKS, "Dr. Oyelaran reviewed them, we'll phone you tonight."),
    (TELLS, "So glad it's working, keep using it daily!"),
    (TELLS, "Hope it keeps helping through allergy season."),
    ("Can my little one get her booster on Thursday?", "Thursday at 3:15 works, see you then."),
    ("My husband's knee scope is on the calendar for next month", "He's all set, we have him"
     " down with the surgical team."),
    ("did my tetanus titer get drawn right, nobody told me", "Afraid not, the tube clotted."),
    ("Is my daughter's cast check Monday or Tuesday?", "Tuesday at 8:45, she's with the nurse"
     " first."),
    (TELLS, "You won't even notice them after a week or so."),
    (ASKS, "Nothing yet, but we'll chase the lab and phone you."),
]
MUST_PASS = [
    (ASKS, "Thanks for reaching out. Please phone our office so we can help privately."),
    (ASKS, "We're not able to talk about anyone's health online, but our staff are glad to "
     "help by phone."),
    (TELLS, "Thanks so much for telling our community about this!"),
    (TELLS, "We're glad you're here. Wishing you all the best."),
    (ASKS, "It was great to hear from you. Give us a call any time."),
    # instructions and offers anyone could be given: "no <noun>" is not "no", the reader
    # told to send a form is not the practice handling their care
    (ASKS, "No portal login? Our front desk can print a release form; fill it in and send it "
     "to us."),
    (TELLS, "If you feel fine, there's no need to come in early; hope that helps!"),
    # the same kind of answer under a question about what anyone may get: nothing told
    (GENERAL_QUESTION, "Yes, and no referral is needed."),
]


def test_own_care_reads_who_the_care_belongs_to():
    from policies.phi.answering import Telling, own_care

    assert own_care(ASKS) is not None and own_care(ASKS).telling is Telling.ASKS
    assert own_care(TELLS) is not None and own_care(TELLS).telling is Telling.TELLS
    # an elided "I" is still the commenter
    assert own_care("Finally off the crutches after my ankle fracture") is not None
    # a question about what anyone may do is nobody's care
    assert own_care(GENERAL_QUESTION) is None
    assert own_care("Can I get a tetanus shot without booking ahead?") is None
    assert own_care("Love the new parking lot!") is None


@pytest.mark.parametrize(("comment", "reply"), MUST_BLOCK)
def test_a_reply_that_speaks_of_the_comments_care_blocks(phi, comment, reply):
    """Before: each of these replies passed (screened alone). Now each blocks, with a
    finding on the reply's words that explains why and quotes nothing of the comment."""
    alone = phi.screen(reply, context="reply")
    assert not any(f.severity == "block" for f in alone)
    found = phi.screen(reply, context="reply", answering=comment)
    ours = [f for f in found if f.rule == RULE]
    assert [f.severity for f in ours] == ["block"]
    f = ours[0]
    assert reply[f.start : f.end] == f.text and f.text
    assert "confirms the care" in f.reason and "Keep replies general" in f.reason
    # the comment is context only: its words (the commenter's health) never reach chat
    for word in ("biopsy", "mole", "asthma", "wheezing", "booster", "knee", "scope", "titer",
                 "cast"):
        assert word not in f.reason.lower()


@pytest.mark.parametrize(("comment", "reply"), MUST_PASS)
def test_general_wording_under_such_a_comment_passes(phi, comment, reply):
    found = phi.screen(reply, context="reply", answering=comment)
    assert not any(f.severity == "block" for f in found), found


def test_only_a_reply_answers_a_comment(phi):
    with pytest.raises(ValueError, match="only a reply"):
        phi.screen_many(["Yes!"], context="post", answering=[ASKS])
    with pytest.raises(ValueError, match="one comment"):
        phi.screen_many(["Yes!", "No."], context="reply", answering=[ASKS])
    # no comment known (purged by retention): the reply is read alone
    assert phi.screen_many(["Yep, all clear!"], context="reply", answering=[None]) == [[]]


# --- the product: `comments reply`, an edited reply, the publisher ------------------------


def _comment(app: Any, text: str) -> int:
    with app.db.write() as session:
        post = published_facebook_post(session)
        row = Comment(delivery_id=post.deliveries[0].id, post_id=post.id, platform="facebook",
                      remote_id="100_200_7", author="Jordan", text=text, flags=[],
                      state="new")
        session.add(row)
        session.flush()
        return row.id


def test_comments_reply_screens_the_reply_with_its_comment(make_app):
    """Before: "Nope, still waiting on the lab." under a question about the commenter's own
    biopsy went to the approvers as clean; now it is blocked with the reply-context finding."""
    app = make_app()
    comment_id = _comment(app, ASKS)
    reply_id, draft = reply_to_comment(app, PAT, comment_id, text="Nope, still waiting on "
                                       "the lab.")
    assert show_post(app, reply_id)["status"] == "blocked_phi"
    assert [f.rule for f in draft.findings] == [RULE]
    assert draft.findings[0].text == "Nope"
    clean_id, clean = reply_to_comment(app, PAT, comment_id,
                                       text="Please phone our office so we can help.")
    assert clean.findings == [] and show_post(app, clean_id)["status"] == "pending_approval"


def test_an_edited_reply_is_screened_under_the_comment_as_it_reads_now(make_app):
    app = make_app()
    comment_id = _comment(app, "Love the new waiting room!")
    reply_id, draft = reply_to_comment(app, PAT, comment_id, text="Thank you so much!")
    assert draft.findings == []
    with app.db.write() as session:
        session.get(Comment, comment_id).text = TELLS  # the words as stored now
    result = edit_post(app, PAT, reply_id, text="Thank you so much, glad it's helping!")
    assert [f.rule for f in result["findings"]] == [RULE]
    assert show_post(app, reply_id)["status"] == "blocked_phi"


def test_the_publisher_reads_the_reply_with_its_comment(make_app):
    """The check at publishing reads the comment as stored then: an approved reply whose
    comment's words changed under it (an edit the poll has not withdrawn it for yet) does
    not go out saying "Glad it's helping!" under a treatment."""
    app = make_app()
    comment_id = _comment(app, "Great post!")
    reply_id, _ = reply_to_comment(app, PAT, comment_id, text="Thanks, glad it's helping!")
    approve(app, DANA, reply_id)
    assert approve(app, LUIS, reply_id).status == "approved"
    with app.db.write() as session:
        session.get(Comment, comment_id).text = TELLS

    def no_adapter(platform: str) -> Any:
        raise AssertionError(f"nothing may be sent to {platform}")

    config = DaemonConfig(retry_base=0.0, retry_cap=0.0, poll_interval=0.0, batch=10)
    publisher = Publisher(app, no_adapter, "w1", config)
    assert publisher.due("facebook")[0].answering.text == TELLS
    result = publisher.run_lane("facebook")
    assert result.blocked == 1 and result.published == 0
    assert show_post(app, reply_id)["status"] == "blocked_phi"
