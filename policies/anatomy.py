"""The one body-part vocabulary the PHI screen and comment moderation read.

No package the project ships lists body parts as people write them (ICD-10-CM names them
inside its Latin-leaning phrases: "fracture of clavicle", never "collarbone"), so this is a
hand-kept list, in one place: policies/phi/judge.py (an injury or procedure told of one
part: "broke his collarbone", "had her knee done"), policies/moderation/senses.py ("torn up"
after a body part is an injury, not a road) and policies/moderation/lexicon.py ("hurt my
back" is no threat) all read it. Three hand lists drifted apart before (2026-12-02 attack
review: "collarbone" was in one of them, so a third party's broken collarbone was read as
nobody's health in the other two).

Singular forms, lower-case; ``BODY_PART`` is the regular-expression alternation with the
plurals (matched case-insensitively or against lower-cased text by the callers).
"""

from __future__ import annotations

# parts of the body people name when they tell an injury, a procedure or a pain (English)
BODY_PARTS: tuple[str, ...] = (
    # limbs and joints
    "arm", "forearm", "elbow", "wrist", "hand", "palm", "finger", "thumb", "pinky", "knuckle",
    "fingernail", "leg", "thigh", "knee", "kneecap", "shin", "calf", "ankle", "foot", "heel",
    "toe", "big toe", "toenail", "hip", "shoulder", "shoulder blade", "groin", "quad",
    # bones
    "bone", "collarbone", "clavicle", "rib", "spine", "vertebra", "tailbone", "pelvis",
    "skull", "jaw", "jawbone", "cheekbone", "eye socket", "femur", "tibia", "fibula",
    "humerus", "ulna", "sternum", "scapula", "growth plate",
    # soft tissue
    "muscle", "tendon", "ligament", "cartilage", "disc", "acl", "mcl", "pcl", "meniscus",
    "labrum", "rotator cuff", "hamstring", "achilles", "skin",
    # head and trunk
    "head", "face", "forehead", "eyebrow", "eyelid", "eye", "ear", "eardrum", "nose", "lip",
    "mouth", "tongue", "gum", "tooth", "teeth", "chin", "cheek", "scalp", "neck", "throat",
    "back", "lower back", "chest", "stomach", "tummy", "belly", "gut", "butt",
    # organs and what procedures remove or fix
    "heart", "lung", "kidney", "liver", "bladder", "colon", "bowel", "brain", "gallbladder",
    "tonsils", "adenoids", "appendix", "sinus", "cataract", "bunion", "hernia", "lens",
    "mole",
)

_IRREGULAR = {"foot": "feet", "tooth": "teeth", "vertebra": "vertebrae", "calf": "calves",
              "sinus": "sinuses"}
_NO_PLURAL = frozenset({"teeth", "tonsils", "adenoids", "skin", "back", "lower back", "gut",
                        "achilles", "appendix", "pelvis", "acl", "mcl", "pcl"})


def _forms() -> list[str]:
    out: list[str] = []
    for part in BODY_PARTS:
        out.append(part)
        if part in _IRREGULAR:
            out.append(_IRREGULAR[part])
        elif part not in _NO_PLURAL:
            out.append(part + "s")
    return out


# every form, singular and plural, as one alternation, longest first (no groups: callers
# wrap it, and follow it with \b)
BODY_PART = "|".join(sorted(_forms(), key=lambda w: (-len(w), w)))


# The parts after "my"/"your"/"his" that leave shoot/hurt/beat/burn harmless in comment
# moderation ("it's going to hurt your back", "burn my tongue"): a subset of the list above,
# kept narrow on purpose. Widening it releases threats ("gonna beat your face", "shoot his
# brain"): that needs a reading of who the subject is and an outside review first (2026-12-02:
# not widened; measured nothing). tests/test_moderation_attack_highs.py checks it stays a
# subset of BODY_PART.
HARMLESS_AFTER_HURT = ("arms?|legs?|back|head|feet|foot|hands?|knees?|shoulders?|neck|stomach|"
                       "tummy|ears?|eyes?|butt")


# the same parts in Spanish, as people write them, with and without their accents (the
# normaliser keeps Spanish accents; a writer often leaves them off). Read only inside the
# Spanish constructions of policies/phi/judge.py ("su nueva cadera", "se fracturó la muñeca",
# "le operaron la rodilla"), never as a bare word: "mano", "pie" and "corazón" are everyday
# Spanish ("echar una mano", "de pie", "de todo corazón").
BODY_PARTS_ES: tuple[str, ...] = (
    "brazo", "antebrazo", "codo", "muñeca", "mano", "dedo", "pulgar", "uña", "pierna", "muslo",
    "rodilla", "tobillo", "pie", "talón", "cadera", "hombro", "ingle", "hueso", "clavícula",
    "costilla", "columna", "vértebra", "pelvis", "cráneo", "mandíbula", "quijada", "fémur",
    "tibia", "peroné", "músculo", "tendón", "ligamento", "menisco", "cartílago", "disco",
    "manguito rotador", "cabeza", "cara", "ojo", "oído", "oreja", "nariz", "labio", "boca",
    "lengua", "encía", "diente", "muela", "cuello", "garganta", "espalda", "pecho", "seno",
    "estómago", "panza", "corazón", "pulmón", "riñón", "hígado", "vejiga", "colon", "cerebro",
    "vesícula", "amígdalas", "apéndice", "próstata", "útero", "matriz", "catarata", "juanete",
    "hernia", "lunar", "piel",
)
_ES_PLURAL = {"pie": "pies", "talón": "talones", "tendón": "tendones", "músculo": "músculos",
              "corazón": "corazones", "pulmón": "pulmones", "riñón": "riñones",
              "hueso": "huesos", "menisco": "meniscos"}
_ES_FOLD = str.maketrans("áéíóúü", "aeiouu")


def _forms_es() -> list[str]:
    out: set[str] = set()
    for part in BODY_PARTS_ES:
        if " " in part or part.endswith("s"):
            plural = part
        elif part.endswith("z"):
            plural = part[:-1] + "ces"
        else:
            plural = _ES_PLURAL.get(part, part + ("es" if part[-1] in "lnrd" else "s"))
        forms = {part, plural}
        out |= forms | {f.translate(_ES_FOLD) for f in forms}
    return sorted(out, key=lambda w: (-len(w), w))


BODY_PART_ES = "|".join(_forms_es())
