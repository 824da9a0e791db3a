"""The public labelled data the comment models are trained on, read straight out of the
source repositories at a pinned commit (nothing of it is committed here).

Each source is (GitHub repository, commit, path, licence). The repositories are read from
local git mirrors (``--mirrors DIR``, one ``owner+name`` directory each, as the project's
``fetch`` tool lays them out, or any bare/normal clone renamed so). TweetEval's test splits
are never read: the project is measured on them.
"""

from __future__ import annotations

import csv
import io
import random
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Source:
    repo: str
    commit: str
    paths: tuple[str, ...]
    licence: str
    what: str


TWEETEVAL = "cardiffnlp/tweeteval", "4fbd22cd78421f05b1ecdb4fc5725bc7a7bd8f66"
SOURCES = {
    "tweeteval_sentiment": Source(
        *TWEETEVAL,
        ("datasets/sentiment/train_text.txt", "datasets/sentiment/train_labels.txt"),
        "TweetEval code MIT; SemEval-2017 Task 4 tweets under Twitter's terms (research use)",
        "45,615 English tweets labelled negative / neutral / positive (SemEval-2017 Task 4A)"),
    "airline": Source(
        "Ramlah0/Twitter-US-Airline-Sentiment-Analysis",
        "b485e56d824c0c0c0ed573932a98db309523bc75", ("Tweets.csv",),
        "CC BY-NC-SA 4.0 (Figure Eight 'Data for Everyone', Twitter US Airline Sentiment)",
        "14,640 customer tweets at US airlines labelled negative / neutral / positive"),
    "semeval_sentiment": Source(
        "FireBrother/assignment", "dce1476dba0acb66bb6f2aa368eca5085f51fdbe",
        tuple(f"语义计算与知识检索/hw2/2017_English_final/GOLD/Subtask_A/twitter-{n}-A.txt"
              for n in ("2013train", "2013dev", "2013test", "2014test", "2014sarcasm",
                        "2015train", "2015test", "2016train", "2016dev", "2016devtest",
                        "2016test")),
        "SemEval-2017 Task 4 organisers' release (Rosenthal, Farra, Nakov); Twitter terms of "
        "service, research use",
        "the SemEval-2013..2016 English tweets TweetEval's sentiment train/validation were "
        "drawn from (~50,000; negative / neutral / positive); TweetEval's validation tweets "
        "are removed before training"),
    "uci_sentences": Source(
        "varunchitale/SentimentAnalysis", "0fecb52a8f541be39e6737fccccd0315fed059d9",
        ("yelp_labelled.txt", "amazon_cells_labelled.txt", "imdb_labelled.txt"),
        "CC BY 4.0 (UCI 'Sentiment Labelled Sentences', Kotzias et al., KDD 2015)",
        "3,000 review sentences (Yelp, Amazon, IMDb) labelled positive / negative"),
    "tweeteval_emotion": Source(
        *TWEETEVAL,
        ("datasets/emotion/train_text.txt", "datasets/emotion/train_labels.txt"),
        "TweetEval code MIT; SemEval-2018 Task 1 tweets (research use)",
        "3,257 tweets labelled anger / joy / optimism / sadness (anger, sadness -> negative)"),
    "tweeteval_emoji": Source(
        *TWEETEVAL,
        ("datasets/emoji/train_text.txt", "datasets/emoji/train_labels.txt"),
        "TweetEval code MIT; SemEval-2018 Task 2 tweets (research use)",
        "45,000 tweets that carried one of 20 cheerful emoji (a sample, weakly 'not negative')"),
    "tweeteval_offensive": Source(
        *TWEETEVAL,
        ("datasets/offensive/train_text.txt", "datasets/offensive/train_labels.txt"),
        "OLID (SemEval-2019 Task 6), CC BY 4.0 per its authors; via TweetEval",
        "11,916 English tweets labelled offensive or not (OLID level A)"),
    "davidson": Source(
        "t-davidson/hate-speech-and-offensive-language",
        "cb50f7e9eb855a99abc51423bf40df0e26d6fe30", ("data/labeled_data.csv",), "MIT",
        "24,783 tweets labelled hate speech / offensive / neither (Davidson et al., ICWSM 2017)"),
    "youtube_spam": Source(
        "tuliocasagrande/youtube-spam-experiment",
        "c3a41b0b7ae756f9ac4a93e426a0790be7966b35",
        tuple(f"data_new/{n}.csv" for n in (
            "01-PSY-9bZkp7q19f0", "04-KatyPerry-CevxZvSJLk8", "07-LMFAO-KQ6zr6kCPj8",
            "08-Eminem-uelHwf8o7_U", "09-Shakira-pRpeEdMmmQ0")),
        "CC BY 4.0 (YouTube Spam Collection, UCI; Alberto, Lochter & Almeida 2015)",
        "1,956 YouTube comments labelled spam / not spam"),
    "liveqa": Source(
        "abachaa/LiveQA_MedicalTask_TREC2017",
        "40fe188f25263df9e0ee907859e10f737477d259",
        ("TrainingDatasets/TREC-2017-LiveQA-Medical-Train-1.xml",
         "TrainingDatasets/TREC-2017-LiveQA-Medical-Train-2.xml"),
        "public research data from the U.S. National Library of Medicine (TREC 2017 LiveQA)",
        "446 questions consumers sent to the NLM, most about their own or a relative's case"),
    "medquad": Source(
        "abachaa/MedQuAD", "577bd37b96c02d1833b2c9eed2de9f96964e96cb", ("*/*.xml",),
        "CC BY 4.0", "general health questions from NIH sites ('What is (are) glaucoma ?')"),
    "xlmt_spanish": Source(
        "cardiffnlp/xlm-t", "874214d64d96599eb869a033c22ec2cc57d19256",
        ("data/sentiment/spanish/train_text.txt", "data/sentiment/spanish/train_labels.txt"),
        "XLM-T code and data release Apache-2.0; its README: restrictions of the original "
        "datasets apply (InterTASS 2017, TASS/SEPLN, research use) and Twitter's terms",
        "1,838 Spanish tweets (InterTASS 2017, via XLM-T's UMSAB benchmark) labelled 0 "
        "negative / 1 neutral / 2 positive, balanced; the validation split (324) is kept "
        "for measuring, the test split is never read"),
    # non-commercial: only with --with-nc, never in the shipped weights
    "offendes": Source(
        "fmplaza/OffendES", "3a15cde85f5aeb920da36737daa79982a6e8b88d",
        ("split_MeOffendES/training_set.tsv",),
        "CC BY-NC-SA 4.0 (per the authors' dataset card): non-commercial only",
        "16,710 Spanish comments on young Spanish influencers' YouTube, Instagram and Twitter "
        "posts (MeOffendES 2021 training split) labelled offensive at a person (OFP) or a "
        "group (OFG), non-offensive with expletives (NOE), non-offensive (NO); the dev split "
        "(100) is kept for measuring, the test split is never read"),
}
# sources a commercial product may not ship weights trained on (train.py --with-nc)
NON_COMMERCIAL = frozenset({"airline", "offendes"})


class Mirrors:
    def __init__(self, root: Path) -> None:
        self.root = root

    def _git_dir(self, repo: str) -> Path:
        base = self.root / repo.replace("/", "+")
        for candidate in (base / "repo" / ".git", base / "repo", base / ".git", base):
            if (candidate / "HEAD").exists():
                return candidate
        raise FileNotFoundError(f"no git mirror of {repo} under {self.root}")

    def read(self, source: Source, path: str) -> str:
        out = subprocess.run(
            ["git", "--git-dir", str(self._git_dir(source.repo)), "show",
             f"{source.commit}:{path}"], check=True, capture_output=True)
        return out.stdout.decode("utf-8", errors="replace")

    def read_many(self, source: Source, suffix: str) -> list[str]:
        git_dir = str(self._git_dir(source.repo))
        listing = subprocess.run(
            ["git", "--git-dir", git_dir, "ls-tree", "-r", source.commit], check=True,
            capture_output=True, text=True).stdout
        blobs = [line.split()[2] for line in listing.splitlines() if line.endswith(suffix)]
        batch = subprocess.run(["git", "--git-dir", git_dir, "cat-file", "--batch"],
                               input="\n".join(blobs).encode(), check=True,
                               capture_output=True).stdout
        texts, pos = [], 0
        while pos < len(batch):
            header_end = batch.index(b"\n", pos)
            size = int(batch[pos:header_end].split()[2])
            start = header_end + 1
            texts.append(batch[start:start + size].decode("utf-8", errors="replace"))
            pos = start + size + 1
        return texts


def tweeteval(m: Mirrors, name: str) -> tuple[list[str], list[int]]:
    src = SOURCES[name]
    texts = m.read(src, src.paths[0]).splitlines()
    labels = [int(x) for x in m.read(src, src.paths[1]).split()]
    assert len(texts) == len(labels), name
    return texts, labels


def tweeteval_validation(m: Mirrors, task: str) -> tuple[list[str], list[int]]:
    """The validation split: for reporting only (bench/moderation_eval.py), never trained on."""
    src = SOURCES[f"tweeteval_{task}"]
    texts = m.read(src, f"datasets/{task}/val_text.txt").splitlines()
    labels = [int(x) for x in m.read(src, f"datasets/{task}/val_labels.txt").split()]
    return texts, labels


def airline(m: Mirrors) -> tuple[list[str], list[int]]:
    """1 for negative, 0 for neutral or positive; the airline's @handle becomes @user."""
    src = SOURCES["airline"]
    texts, labels = [], []
    for row in csv.DictReader(io.StringIO(m.read(src, src.paths[0]))):
        texts.append(re.sub(r"@\w+", "@user", row["text"]))
        labels.append(int(row["airline_sentiment"] == "negative"))
    return texts, labels


def tweet_key(text: str) -> str:
    """Match a tweet across releases: mentions, links, case and punctuation ignored."""
    text = re.sub(r"@\w+|https?://\S+", " ", text.lower())
    return re.sub(r"[^a-z0-9]+", "", text)


def semeval(m: Mirrors, exclude: set[str]) -> tuple[list[str], list[int]]:
    """1 for negative, 0 for neutral or positive; tweets whose key is in ``exclude`` (the
    TweetEval validation split) and repeats are dropped."""
    src = SOURCES["semeval_sentiment"]
    texts, labels, seen = [], [], set(exclude)
    for path in src.paths:
        for line in m.read(src, path).splitlines():
            parts = line.split("\t")
            if len(parts) < 3 or parts[1] not in ("negative", "neutral", "positive"):
                continue
            text = re.sub(r"@\w+", "@user", parts[2].strip().strip('"'))
            key = tweet_key(text)
            if not key or key in seen:
                continue
            seen.add(key)
            texts.append(text)
            labels.append(int(parts[1] == "negative"))
    return texts, labels


def uci_sentences(m: Mirrors) -> tuple[list[str], list[int]]:
    """1 for negative, 0 for positive."""
    src = SOURCES["uci_sentences"]
    texts, labels = [], []
    for path in src.paths:
        for line in m.read(src, path).splitlines():
            text, _, label = line.rpartition("\t")
            if text.strip() and label.strip() in ("0", "1"):
                texts.append(text.strip())
                labels.append(1 - int(label))
    return texts, labels


def davidson(m: Mirrors) -> tuple[list[str], list[int]]:
    """1 for hate speech or offensive, 0 for neither."""
    src = SOURCES["davidson"]
    rows = csv.DictReader(io.StringIO(m.read(src, src.paths[0])))
    texts, labels = [], []
    for row in rows:
        text = re.sub(r"^(?:!+\s*)?(?:RT\s+)?", "", row["tweet"]).strip()
        texts.append(text)
        labels.append(0 if row["class"] == "2" else 1)
    return texts, labels


def youtube(m: Mirrors) -> tuple[list[str], list[int]]:
    src = SOURCES["youtube_spam"]
    texts, labels = [], []
    for path in src.paths:
        for row in csv.DictReader(io.StringIO(m.read(src, path))):
            texts.append(re.sub(r"<[^>]+>", " ", row["CONTENT"]).strip())
            labels.append(int(row.get("TAG") or row["CLASS"]))
    return texts, labels


def liveqa(m: Mirrors) -> list[str]:
    src = SOURCES["liveqa"]
    out = []
    for path in src.paths:
        for msg in re.findall(r"<MESSAGE>(.*?)</MESSAGE>", m.read(src, path), re.S):
            msg = re.sub(r"\s+", " ", msg).strip()
            if 15 <= len(msg) <= 600:
                out.append(msg)
    return out


def medquad(m: Mirrors, n: int, seed: int = 13) -> list[str]:
    questions = []
    for doc in m.read_many(SOURCES["medquad"], ".xml"):
        questions += re.findall(r"<Question[^>]*>(.*?)</Question>", doc, re.S)
    questions = sorted({re.sub(r"\s+", " ", q).strip() for q in questions})
    random.Random(seed).shuffle(questions)
    return questions[:n]


def xlmt_spanish(m: Mirrors, split: str = "train") -> tuple[list[str], list[int]]:
    """XLM-T's Spanish sentiment split: 0 negative, 1 neutral, 2 positive (the TweetEval
    order; the README's examples and the texts agree). ``split``: train or val, never test."""
    if split not in ("train", "val"):
        raise ValueError("only the train and validation splits are read")
    src = SOURCES["xlmt_spanish"]
    folder = src.paths[0].rsplit("/", 1)[0]
    texts = m.read(src, f"{folder}/{split}_text.txt").splitlines()
    labels = [int(x) for x in m.read(src, f"{folder}/{split}_labels.txt").split()]
    assert len(texts) == len(labels), split
    return texts, labels


def offendes(m: Mirrors, split: str = "training_set") -> tuple[list[str], list[int]]:
    """OffendES (MeOffendES split): 1 for offensive at a person or a group (OFP, OFG), 0 for
    non-offensive, expletives included (NOE: rude words without the aim to offend, like the
    product's "mild" profanity). ``split``: training_set or dev_set, never test_set."""
    if split not in ("training_set", "dev_set"):
        raise ValueError("only the training and dev splits are read")
    src = SOURCES["offendes"]
    rows = csv.DictReader(io.StringIO(m.read(src, f"split_MeOffendES/{split}.tsv")),
                          delimiter="\t", quoting=csv.QUOTE_NONE)
    texts, labels = [], []
    for row in rows:
        if row.get("label") in ("OFP", "OFG", "NOE", "NO") and row.get("comment"):
            texts.append(_USER_RE.sub("@user", row["comment"].strip()))
            labels.append(int(row["label"] in ("OFP", "OFG")))
    return texts, labels


_USER_RE = re.compile(r"@[\w.]+")
