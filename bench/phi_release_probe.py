"""How often the learned second look (policies/phi/learned.py, `second_look`) releases a real
patient disclosure: the same disclosures (a named person + a procedure or treatment), framed
the way practices' posts often frame them, screened as posts.

    PYTHONPATH=. python bench/phi_release_probe.py

Prints, per framing, how many of the disclosures still block, are released to a warning
("+released", nothing blocks) or pass with no finding at all. Every text is written for this
probe (review, session 5); none comes from a dev or evaluation set. Re-run it whenever the
learned weights, `release_below` or the sentence test change: a framing whose released count
is not 0 lets a disclosure be published with nothing blocking it.
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
