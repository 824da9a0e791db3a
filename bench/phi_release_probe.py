"""A guard against releasing patient disclosures on a learned score: the same disclosures (a
named person + a procedure or treatment), framed the way practices' posts often frame them,
screened as posts.

    PYTHONPATH=. python bench/phi_release_probe.py

Session 5 tried a "second look" that turned the rules' judgement blocks into warnings when
the learned scorer read the text as about no one. Leave-one-writer-out said it cost no
recall; this probe released 108 of 256 disclosures (31-32 of 32 with "thanks to our community
partners" in the same sentence), so it was withdrawn (docs/phi.md). The probe stays: it prints,
per framing, how many disclosures block, are released to a warning ("+released": must be 0)
or pass with no finding at all. Every text is written for this probe (review, session 5);
none comes from a dev or evaluation set.
"""

from __future__ import annotations

import itertools

from policies.phi.findings import BLOCK
from policies.phi.screen import PhiScreen

NAMES = ("Walter Okonkwo", "Maria Lopez", "Denise Harlow", "Tom Reyes")
CARE = ("his knee replacement", "her gallbladder surgery", "finishing chemo for breast cancer",
        "completing radiation for prostate cancer", "his new pacemaker",
        "her cataract operation", "his heart bypass recovery", "finishing dialysis training")
FRAMINGS = {
    "plain": "Congratulations to {n} on {c}!",
    "thanks after, same sentence": "Congratulations to {n} on {c}, and thanks to our "
                                   "community partners!",
    "thanks before, same sentence": "Thanks to our community partners for the donations, and "
                                    "congratulations to {n} on {c}!",
    "no space after '!'": "Congratulations to {n} on {c}!Thanks to our community partners!",
    "closing question": "Congratulations to {n} on {c}! Questions about our programs? "
                        "Contact our office.",
    "holiday": "Happy holidays from our whole team, and congratulations to {n} on {c}!",
    "hiring": "We are hiring a medical assistant! Also, congratulations to {n} on {c}.",
    "name and care in two sentences": "Congratulations from our community partners to {n}! "
                                      "Celebrating {c} this week.",
}


def main() -> None:
    screen = PhiScreen()
    total_released = 0
    for label, framing in FRAMINGS.items():
        counts = {"block": 0, "released": 0, "pass": 0}
        for name, care in itertools.product(NAMES, CARE):
            found = screen.screen(framing.format(n=name, c=care))
            if any(f.severity == BLOCK for f in found):
                counts["block"] += 1
            elif any(f.rule.endswith("+released") for f in found):
                counts["released"] += 1
            else:
                counts["pass"] += 1
        total_released += counts["released"]
        print(f"{label:32} block {counts['block']:2}  released {counts['released']:2}  "
              f"pass {counts['pass']:2}  (of {len(NAMES) * len(CARE)})")
    print(f"released in all: {total_released} of {len(FRAMINGS) * len(NAMES) * len(CARE)}")


if __name__ == "__main__":
    main()
