"""Benchmark the calculator site against bare Pyodide in Debian's Chromium (run on demand: ``make bench``).

Not a pytest test. Run it from the repository root::

    .venv/bin/python -m tests.bench [--runs 5] [--changes 20] [--site site] [--json out.json]

Each run interleaves our pages with a bare Pyodide page (this machine is noisy, so ratios taken
within one run mean more than absolute times); every figure is reported as median [min–max]
over the runs. Bytes are counted on the server (status line, headers and body of every
response, so requests made by Web Workers and the service worker are included). Times are
``performance.now()`` in the page, so navigation start is 0 and Playwright's latency is excluded.

1. pages without a calculator (the policy page and the overview), fresh profile, until the
   network is quiet: total bytes, the search index, the total without it, and any wasm, Python
   or engine file they fetched (they must fetch none);
2. our calculator, cold (fresh profile): first contentful paint, when ``form.calc-form`` and its
   inputs are in the DOM, DOMContentLoaded, and the first result (``[data-field="subsidy"]
   [data-value]``); bytes to the first result, and after it (the visitor accepts the offline copy
   the page then offers) until the service worker has cached every file of ``sw.js`` and the
   network is quiet; the precache as a whole (every response from
   ``/sw.js`` on), and how much of it the server sent again in full although the visit had it;
3. the repeat visit: same profile, new tab, once the service worker has cached everything:
   whether the service worker controlled the page, the same times, the bytes from the server and
   those it sent again in full although unchanged;
4. time to the first result, cold and warm, ours and bare (bare: its worker answers ``1+1``),
   with paired ratios ours/bare;
5. recompute: after a result is shown, change an input, press Enter (form submit, so the 250 ms
   debounce is not measured) and time in the page from ``submit`` to the new ``data-value``;
6. clicking a link to another calculator (Material's instant navigation): from the warm tab to
   ``sanming-ktd-compensation`` with its example inputs, and from a freshly loaded policy page to
   our calculator: ms from the click to the first result, whether the page stayed the same
   document, and whether the engine started again (engine workers created, engine files the
   server was asked for);
7. once (run 1): cold visits, ours and bare, against a second server without the precompressed
   ``.gz`` copies, to compare the bytes sent;
8. the command-line batch throughput (``python -m calc batch``, CSV and .xlsx, before the browser runs),
   and the batch page's (``batch/``: rows/s on 10,000 and 100,000 rows of .xlsx, and memory);
9. a thin link (issue 13): the same server behind one shared link of 10 and of 2 Mbit/s with
   100 ms added to each response (``tests/bench/thin_link.py``), ``.gz`` copies served as
   ``gzip_static`` does; cold visits, ours and bare, each in a fresh profile, alternating who goes
   first: time and bytes to the first result (bytes in parts: page, runtime, stdlib, snapshot,
   …), and what came after it until the network was quiet. Once, at the first rate, the repeat
   visit after the visitor saved the offline copy, against bare's repeat visit.

Then the targets of issues 5 and 13 (the ratios use the bare runtime measured in the same run).
The bare page and its worker live in ``tests/bench/assets/`` and are served at ``/__bench__/``; the worker
imports the site's own runtime files (same URLs), so caching behaves the same.
"""
