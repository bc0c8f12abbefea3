#!/usr/bin/env python3
"""tests/lang_check.py: the language files agree. Every key of
templates/lang/es.hdf is in en.hdf and the other way round, and every
Lang.X.Y a template names is there (a missing string renders as nothing).
Prints ok / not ok lines like the other tests."""
import glob, os, re, sys

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..')

def keys(path):
    found, stack = set(), []
    for line in open(path, encoding='utf-8'):
        s = line.strip()
        if not s or s.startswith('#'):
            continue
        if s.endswith('{'):
            stack.append(s[:-1].strip())
        elif s == '}':
            stack.pop()
        else:
            m = re.match(r'([A-Za-z0-9_.]+)\s*(=|<<|:)', s)
            if m:
                found.add('.'.join(stack + [m.group(1)]))
    return {k[len('Lang.'):] for k in found if k.startswith('Lang.')}

es = keys(os.path.join(ROOT, 'templates/lang/es.hdf'))
en = keys(os.path.join(ROOT, 'templates/lang/en.hdf'))
failed = 0
for name, missing in (('en.hdf', sorted(es - en)), ('es.hdf', sorted(en - es))):
    if missing:
        failed = 1
        print(f'not ok - {name} lacks {len(missing)} keys the other file has')
        for k in missing[:20]:
            print(f'#   Lang.{k}')
    else:
        print(f'ok - {name} has every key of the other language file ({len(es)} keys)')

prefixes = {k.rsplit('.', i)[0] for k in es for i in range(k.count('.') + 1)}
unknown = set()
for path in glob.glob(os.path.join(ROOT, 'templates', '*.cs')):
    for m in re.finditer(r'Lang\.([A-Za-z][A-Za-z0-9_]*(?:\.[A-Za-z][A-Za-z0-9_]*)*)', open(path, encoding='utf-8').read()):
        if m.group(1) not in es and m.group(1) not in prefixes:
            unknown.add(f'{os.path.basename(path)}: Lang.{m.group(1)}')
if unknown:
    failed = 1
    print(f'not ok - templates name {len(unknown)} strings no language file has')
    for u in sorted(unknown)[:30]:
        print(f'#   {u}')
else:
    print('ok - every Lang string the templates name is in the language files')

# The C side names messages too: error keys (Lang.Err) and texts it fills in.
patterns = ((r'req_fail\(r,\s*\d+,\s*"[^"]*",\s*"([A-Za-z0-9_]+)"\)', 'Err.'),
            (r'req_invalid\(r,\s*"[^"]*",\s*"([A-Za-z0-9_]+)"', 'Err.'),
            (r'key\s*=\s*"([A-Za-z0-9_]+)"', 'Err.'),
            (r'(?:lang_fill|req_text)\([^;"]*"([A-Z][A-Za-z0-9_.]+)"', ''))
unknown, seen = set(), 0
for path in glob.glob(os.path.join(ROOT, '*', '*.c')) + glob.glob(os.path.join(ROOT, 'cgi-bin', '*', '*.c')):
    src = open(path, encoding='utf-8').read()
    for pattern, prefix in patterns:
        for m in re.finditer(pattern, src):
            seen += 1
            key = prefix + m.group(1)
            if key not in es and key not in prefixes:
                unknown.add(f'{os.path.relpath(path, ROOT)}: Lang.{key}')
if unknown or seen < 100:
    failed = 1
    print(f'not ok - the C code names {len(unknown)} strings no language file has ({seen} looked at)')
    for u in sorted(unknown)[:30]:
        print(f'#   {u}')
else:
    print(f'ok - every message key the C code names is in the language files ({seen} uses)')
sys.exit(failed)
