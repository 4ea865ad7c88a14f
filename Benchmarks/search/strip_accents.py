#!/usr/bin/env python3
"""Copies a qid<TAB>text file with accents removed from the text (NFD, marks dropped)."""
import sys, unicodedata
for line in open(sys.argv[1], encoding="utf-8"):
    qid, _, text = line.rstrip("\n").partition("\t")
    text = "".join(c for c in unicodedata.normalize("NFD", text) if unicodedata.category(c) != "Mn")
    print(f"{qid}\t{unicodedata.normalize('NFC', text)}")
