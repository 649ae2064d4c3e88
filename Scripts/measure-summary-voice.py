#!/usr/bin/env python3
"""How many summary sentences of a built site speak in the writer's own voice ("I", "my", "we",
"our", "you", "your" outside quotation marks, the rule of CitedSummary.speaksInPerson).

Usage: Scripts/measure-summary-voice.py SITE_DIR   (reads stories.json's shards in SITE_DIR/data/)
"""
import glob
import json
import sys

W={"i","i'm","i’m","i've","i’ve","i'd","i’d","my","me","myself","we","we're","we’re","our","you","you're","you’re","your"}
def person(t):
    q=False; w=''
    def chk():
        return (not q) and w in W
    for ch in t.lower():
        if ch in '"“”':
            if chk(): return True
            w=''
            q = (not q) if ch=='"' else (ch=='“')
        elif ch.isalpha() or ch in "'’":
            w+=ch
        else:
            if chk(): return True
            w=''
    return chk()
n=p=0; stories=0; storiesp=0; multi=0; multip=0
for f in glob.glob(sys.argv[1]+'/data/*.json'):
    for s in json.load(open(f))['stories']:
        sents=[x['text'] for x in s.get('summary',[])]
        if not sents: continue
        stories+=1
        k=sum(person(t) for t in sents); n+=len(sents); p+=k
        storiesp+= k>0
        if len({a.get('outlet') for a in s['articles']})>1:
            multi+=1; multip+= k>0
print(f"summary sentences {n}, in person {p} ({100*p/n:.1f}%); stories with one {storiesp}/{stories}; multi-outlet {multip}/{multi}")
