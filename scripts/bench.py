#!/usr/bin/env python3
"""Benchmark harness (driven by scripts/bench): a synthetic province at several scales, submissions in
two shapes (one file per unit; one file per district and unit type), and a third when openpyxl is there
(`xlsx`: the district files as Excel workbooks, numbers as numbers, dates as date cells), timed side by side:
cat of the inputs, a plain Python csv script, DuckDB (threads 1 and 2, when it could be installed),
tonghop (release) stage by stage, as one `run`, and a no-op rerun, and libxlsxwriter from C writing
the cells of tonghop's workbooks; for the xlsx shape, openpyxl in read-only mode reading every cell of the
same workbooks. The province's total of cuoc_tt must be the same for every tool.
Deterministic; writes only to a temporary folder.

Environment: BENCH_SCALES (default 1000,10000,50000,200000), BENCH_REPEAT (default 3 up to 10,000
units, 1 above), BENCH_DUCKDB_MAX_FILES (default 50000: DuckDB is left out above that many files;
with more than 10,000 files it runs with one thread only), BENCH_STAGES_MAX_UNITS (default 50000:
tonghop's stages are also timed one by one up to that many units; above, only `run` as a whole),
BENCH_XLSX_MAX_UNITS (default 50000: the xlsx shape up to that many units; openpyxl writes them slowly).
"""
import csv, glob, os, random, shutil, statistics, subprocess, sys, tempfile, time

TONGHOP, XLSX_BASELINE = sys.argv[1], sys.argv[2]
SCALES = [int(s) for s in os.environ.get("BENCH_SCALES", "1000,10000,50000,200000").split(",")]
DUCKDB_PYTHON = os.environ.get("BENCH_DUCKDB_PYTHON")
DUCKDB_MAX_FILES = int(os.environ.get("BENCH_DUCKDB_MAX_FILES", "50000"))
STAGES_MAX_UNITS = int(os.environ.get("BENCH_STAGES_MAX_UNITS", "50000"))
OPENPYXL_PYTHON = os.environ.get("BENCH_OPENPYXL_PYTHON")
XLSX_MAX_UNITS = int(os.environ.get("BENCH_XLSX_MAX_UNITS", "50000"))
PERIOD = "2024-H1"
COLUMNS = ["ma_don_vi", "ky_bao_cao", "ngay_lap", "cuoc_tt", "luot_nam", "luot_nu", "tin_q1", "tin_q2",
           "huong_uoc", "huong_uoc_bdg", "luot_gv_nv", "luot_hs_nam", "luot_hs_nu", "bo_chi_so", "tin_bai_bc", "ghi_chu"]
APPLIES = {"xa": COLUMNS[:10] + ["ghi_chu"], "huyen": COLUMNS[:6] + ["ghi_chu"],
           "truong": COLUMNS[:4] + ["luot_gv_nv", "luot_hs_nam", "luot_hs_nu", "ghi_chu"],
           "so_nganh": COLUMNS[:6] + ["ghi_chu"], "bao_chi": ["ma_don_vi", "ky_bao_cao", "ngay_lap", "bo_chi_so", "tin_bai_bc", "ghi_chu"]}


def repeat(units):
    return int(os.environ.get("BENCH_REPEAT", "3" if units <= 10000 else "1"))


def province(units, rng):
    """Registry rows: about 1 district per 150 units, 45% communes, 45% schools, the rest departments and media."""
    districts = max(1, units // 150)
    rows = [("99", "Tỉnh Thử", "tinh", "")]
    rows += [(f"9{d:03d}", f"Huyện {d}", "huyen", "99") for d in range(districts)]
    left = units - districts
    kinds = ["xa"] * 45 + ["truong"] * 45 + ["so_nganh"] * 5 + ["bao_chi"] * 5
    for n in range(left):
        kind = kinds[n % 100]
        parent = f"9{rng.randrange(districts):03d}" if kind in ("xa", "truong") else "99"
        rows.append((f"{kind[0].upper()}{n:07d}", f"Đơn vị {n}", kind, parent))
    return rows


def value_row(code, kind, rng):
    v = {"ma_don_vi": code, "ky_bao_cao": PERIOD, "ngay_lap": "2024-06-05", "ghi_chu": "Đã tổ chức tại nhà văn hóa"}
    for c in APPLIES[kind]:
        if c in v:
            continue
        v[c] = {"bo_chi_so": "thi_diem"}.get(c, str(rng.randint(0, 9) if c not in ("huong_uoc", "huong_uoc_bdg") else 5))
    return v


def generate(folder, units, shape):
    rng = random.Random(units)
    registry = province(units, rng)
    os.makedirs(f"{folder}/inputs/registry")
    with open(f"{folder}/inputs/registry/don-vi.csv", "w", encoding="utf-8") as f:
        f.write("ma_don_vi,ten_don_vi,loai,ma_cap_tren,hieu_luc_tu,hieu_luc_den\n")
        for code, name, kind, parent in registry:
            f.write(f"{code},{name},{kind},{parent},,\n")
    drop = f"{folder}/inputs/submissions"
    os.makedirs(drop)
    groups = {}
    for code, _, kind, parent in registry[1:]:
        groups.setdefault((parent if shape == "district" else code, kind), []).append(value_row(code, kind, rng))
    for (key, kind), rows in groups.items():
        header = APPLIES[kind]
        with open(f"{drop}/{key}-{kind}.csv", "w", encoding="utf-8", newline="") as f:
            w = csv.writer(f, lineterminator="\n")
            w.writerow(header)
            for r in rows:
                w.writerow([r.get(c, "") for c in header])


def timed_median(results, name, command, prepare, times):
    """Runs `command` `times` times (after `prepare`); records the median time and the peak RSS under `name`."""
    runs = []
    for _ in range(times):
        if prepare:
            prepare()
        runs.append(timed(command))
    results[name] = (statistics.median(r[0] for r in runs), max(r[1] for r in runs))
    return runs[-1][2]


def timed(command):
    """(seconds, peak RSS in MB, stdout) of a child process, the RSS as /usr/bin/time measures it.
    Dirty pages of earlier steps are written first: tonghop's syncfs would otherwise pay for them."""
    os.sync()
    with tempfile.NamedTemporaryFile() as rss:
        start = time.perf_counter()
        done = subprocess.run(["/usr/bin/time", "-f", "%M", "-o", rss.name] + command, check=True,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        seconds = time.perf_counter() - start
        peak = int(open(rss.name).read().split()[-1])
    return seconds, peak / 1024, done.stdout.strip()


PYTHON_SCRIPT = r'''
import csv, glob, sys
folder = sys.argv[1]
parent, kind = {}, {}
for r in csv.DictReader(open(folder + "/inputs/registry/don-vi.csv", encoding="utf-8")):
    parent[r["ma_don_vi"]] = r["ma_cap_tren"]; kind[r["ma_don_vi"]] = r["loai"]
totals, rejected = {}, 0
for path in sorted(glob.glob(folder + "/inputs/submissions/*.csv")):
    for r in csv.DictReader(open(path, encoding="utf-8-sig")):
        code = r["ma_don_vi"].strip()
        if code not in kind or r["ky_bao_cao"].strip() != "2024-H1":
            rejected += 1; continue
        try:
            values = {c: int(v) for c, v in r.items() if c not in ("ma_don_vi", "ky_bao_cao", "ngay_lap", "ghi_chu", "bo_chi_so") and v != ""}
        except ValueError:
            rejected += 1; continue
        if values.get("huong_uoc_bdg", 0) > values.get("huong_uoc", 0) and "huong_uoc" in values:
            rejected += 1; continue
        node = code if kind[code] == "huyen" else parent[code]
        for key in {node, "99"}:
            totals[key] = totals.get(key, 0) + values.get("cuoc_tt", 0)
print(totals.get("99", 0))
'''

TO_XLSX_SCRIPT = r'''
import csv, datetime, glob, os, sys
from openpyxl import Workbook
for path in sorted(glob.glob(sys.argv[1] + "/inputs/submissions/*.csv")):
    book = Workbook(write_only=True)
    sheet = book.create_sheet()
    for n, row in enumerate(csv.reader(open(path, encoding="utf-8"))):
        if n:
            row = [datetime.datetime.strptime(v, "%Y-%m-%d") if i == 2 else int(v) if v.isdigit() and i > 2 else v for i, v in enumerate(row)]
        sheet.append(row)
    book.save(path[:-4] + ".xlsx")
    os.remove(path)
'''

OPENPYXL_SCRIPT = r'''
import csv, glob, sys
from openpyxl import load_workbook
folder = sys.argv[1]
parent, kind = {}, {}
for r in csv.DictReader(open(folder + "/inputs/registry/don-vi.csv", encoding="utf-8")):
    parent[r["ma_don_vi"]] = r["ma_cap_tren"]; kind[r["ma_don_vi"]] = r["loai"]
total = 0
for path in sorted(glob.glob(folder + "/inputs/submissions/*.xlsx")):
    book = load_workbook(path, read_only=True)
    rows = book.worksheets[0].iter_rows(values_only=True)
    header = next(rows)
    for row in rows:
        r = dict(zip(header, row))
        if str(r["ma_don_vi"]) in kind and r["ky_bao_cao"] == "2024-H1" and isinstance(r.get("cuoc_tt"), int):
            total += r["cuoc_tt"]
    book.close()
print(total)
'''

DUCKDB_SCRIPT = r'''
import duckdb, sys
folder, threads = sys.argv[1], int(sys.argv[2])
con = duckdb.connect()
con.execute(f"SET threads={threads}")
con.execute(f"CREATE TABLE reg AS SELECT * FROM read_csv('{folder}/inputs/registry/don-vi.csv', all_varchar=true)")
files = sorted(__import__("glob").glob(folder + "/inputs/submissions/*.csv"))
total = 0
for i in range(0, len(files), 5000):
    batch = files[i:i + 5000]
    q = f"""SELECT sum(TRY_CAST(s.cuoc_tt AS BIGINT)) FROM read_csv({batch!r}, union_by_name=true, all_varchar=true) s
            JOIN reg r ON r.ma_don_vi = s.ma_don_vi WHERE s.ky_bao_cao = '2024-H1'"""
    total += con.execute(q).fetchone()[0] or 0
print(total)
'''


def dump_cells(base, folder):
    """The cells of tonghop's workbooks, approximately: every stage file the workbooks are made of,
    a sheet each, numbers as numbers. Returns the dump files for bench-xlsx."""
    staging = f"{base}/outputs/staging/{PERIOD}"
    dumps = []
    for name in ("chi-tieu.csv", "hop-le.csv", "tien-do.csv", "kiem-tra.csv"):
        target = f"{folder}/{name}.tsv"
        with open(f"{staging}/{name}", encoding="utf-8") as f, open(target, "w", encoding="utf-8") as out:
            for row in csv.reader(f):
                out.write("\t".join("e:" if c == "" else ("n:" + c if c.isdigit() else "s:" + c.replace("\t", " ")) for c in row) + "\n")
        dumps.append(target)
    return dumps


def main():
    work = tempfile.mkdtemp(prefix="tonghop-bench-")
    trash = f"{work}/trash"
    os.makedirs(trash)
    rows = []

    def fresh_outputs(base):
        # Moved aside, deleted at the end: ext4 slows down creating files right after deleting many.
        if os.path.exists(f"{base}/outputs"):
            os.rename(f"{base}/outputs", f"{trash}/{len(os.listdir(trash))}")

    try:
        for units in SCALES:
            for shape in ("unit", "district") + (("xlsx",) if OPENPYXL_PYTHON and units <= XLSX_MAX_UNITS else ()):
                base = f"{work}/{units}-{shape}"
                if shape == "xlsx":
                    generate(base, units, "district")
                    subprocess.run([OPENPYXL_PYTHON, "-c", TO_XLSX_SCRIPT, base], check=True)
                    rows.append(xlsx_shape(base, units, median_of=repeat(units)))
                    print(f"{units} units, one workbook per district: done", file=sys.stderr)
                    continue
                generate(base, units, shape)
                files = glob.glob(f"{base}/inputs/submissions/*.csv")
                size = sum(os.path.getsize(p) for p in files) / 1e6
                results, notes = {}, []

                def median(name, command, prepare=None, times=repeat(units)):
                    return timed_median(results, name, command, prepare, times)

                median("cat", ["sh", "-c", f"find {base}/inputs/submissions -name '*.csv' -exec cat {{}} + > /dev/null"])
                script = f"{work}/py.py"
                open(script, "w").write(PYTHON_SCRIPT)
                expected = median("python csv", [sys.executable, script, base])
                if DUCKDB_PYTHON and len(files) <= DUCKDB_MAX_FILES:
                    ds = f"{work}/duck.py"
                    open(ds, "w").write(DUCKDB_SCRIPT)
                    # Two threads gain little on many small files and cost a minute at 50,000.
                    for threads in (1, 2) if len(files) <= 10000 else (1,):
                        got = median(f"duckdb {threads} thread{'s' if threads > 1 else ''}", [DUCKDB_PYTHON, ds, base, str(threads)])
                        if got != expected:
                            notes.append(f"DuckDB's total {got} differs from the Python script's {expected}")
                elif DUCKDB_PYTHON:
                    notes.append(f"DuckDB left out: more than {DUCKDB_MAX_FILES:,} files")

                t = [TONGHOP, "--root", base, "--quiet", "--today", "2024-07-01"]
                if units <= STAGES_MAX_UNITS:
                    fresh_outputs(base)
                    for stage in ("ingest", "validate", "rollup", "export"):
                        median(f"tonghop {stage}", t + [stage] + ([] if stage == "ingest" else ["--period", PERIOD]), times=1)
                    results["tonghop up to rollup"] = (sum(results[f"tonghop {s}"][0] for s in ("ingest", "validate", "rollup")),
                                                       max(results[f"tonghop {s}"][1] for s in ("ingest", "validate", "rollup")))
                median("tonghop run", t + ["run", "--period", PERIOD], prepare=lambda: fresh_outputs(base))
                median("tonghop no-op run", t + ["run", "--period", PERIOD])
                total = subprocess.run(["sh", "-c", f"grep '^{PERIOD},99,TS_cuoc_tt,' {base}/outputs/staging/{PERIOD}/chi-tieu.csv | cut -d, -f4"],
                                       capture_output=True, text=True).stdout.strip()
                if total != expected:
                    notes.append(f"tonghop's total {total} differs from the Python script's {expected}")
                median("libxlsxwriter C, same cells", [XLSX_BASELINE, f"{work}/baseline.xlsx"] + dump_cells(base, work))
                rows.append((units, shape, len(files), size, results, notes))
                print(f"{units} units, one file per {shape}: done", file=sys.stderr)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    report(rows)


def xlsx_shape(base, units, median_of):
    """openpyxl (read-only) against tonghop's ingest and run on the same workbooks."""
    files = glob.glob(f"{base}/inputs/submissions/*.xlsx")
    size = sum(os.path.getsize(p) for p in files) / 1e6
    results, notes = {}, []

    def median(name, command, prepare=None):
        return timed_median(results, name, command, prepare, median_of)

    def fresh():
        shutil.rmtree(f"{base}/outputs", ignore_errors=True)

    median("cat", ["sh", "-c", f"find {base}/inputs/submissions -name '*.xlsx' -exec cat {{}} + > /dev/null"])
    expected = median("openpyxl read-only", [OPENPYXL_PYTHON, "-c", OPENPYXL_SCRIPT, base])
    t = [TONGHOP, "--root", base, "--quiet", "--today", "2024-07-01"]
    median("tonghop ingest", t + ["ingest"], prepare=fresh)
    median("tonghop run", t + ["run", "--period", PERIOD], prepare=fresh)
    total = subprocess.run(["sh", "-c", f"grep '^{PERIOD},99,TS_cuoc_tt,' {base}/outputs/staging/{PERIOD}/chi-tieu.csv | cut -d, -f4"],
                           capture_output=True, text=True).stdout.strip()
    if total != expected:
        notes.append(f"tonghop's total {total} differs from openpyxl's {expected}")
    return (units, "xlsx", len(files), size, results, notes)


def report(rows):
    xlsx = [r for r in rows if r[1] == "xlsx"]
    rows = [r for r in rows if r[1] != "xlsx"]
    print("| units | shape | files | MB | tool | median s | rows/s | MB/s | peak RSS MB | × python | × cat | × duckdb 1 thread |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    for units, shape, files, size, results, notes in rows:
        duck = results.get("duckdb 1 thread", (None,))[0]
        for tool, (seconds, rss) in results.items():
            print(f"| {units:,} | {shape} | {files:,} | {size:.1f} | {tool} | {seconds:.3f} | {units / seconds:,.0f} | {size / seconds:.1f} | "
                  f"{rss:.0f} | {seconds / results['python csv'][0]:.2f} | {seconds / results['cat'][0]:.1f} | "
                  f"{f'{seconds / duck:.3f}' if duck else '—'} |")
        for note in notes:
            print(f"| {units:,} | {shape} | | | note: {note} | | | | | | | |")

    print("\nTargets (ratios of times in the same run):\n")
    print("| units | shape | up to rollup × python | × cat | × duckdb 1 thread | run × up to rollup | export × C | no-op × run | peak RSS MB | run µs per unit |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    for units, shape, files, size, results, notes in rows:
        run = results["tonghop run"][0]
        if "tonghop up to rollup" not in results:
            print(f"| {units:,} | {shape} | — | — | — | — | — | {results['tonghop no-op run'][0] / run:.3f} | "
                  f"{max(v[1] for k, v in results.items() if k.startswith('tonghop')):.0f} | {run / units * 1e6:,.0f} |")
            continue
        up = results["tonghop up to rollup"][0]
        duck = results.get("duckdb 1 thread", (None,))[0]
        rss = max(v[1] for k, v in results.items() if k.startswith("tonghop"))
        print(f"| {units:,} | {shape} | {up / results['python csv'][0]:.2f} | {up / results['cat'][0]:.1f} | "
              f"{f'{up / duck:.3f}' if duck else '—'} | {run / up:.2f} | "
              f"{results['tonghop export'][0] / results['libxlsxwriter C, same cells'][0]:.2f} | "
              f"{results['tonghop no-op run'][0] / run:.3f} | {rss:.0f} | {run / units * 1e6:,.0f} |")
    if not xlsx:
        return
    print("\nExcel workbooks (one per district and unit type): tonghop's ingest (read, archive, record) against openpyxl "
          "reading every cell in read-only mode:\n")
    print("| units | files | MB | tool | median s | rows/s | MB/s | peak RSS MB | × openpyxl |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    for units, shape, files, size, results, notes in xlsx:
        reference = results["openpyxl read-only"][0]
        for tool, (seconds, rss) in results.items():
            print(f"| {units:,} | {files:,} | {size:.1f} | {tool} | {seconds:.3f} | {units / seconds:,.0f} | {size / seconds:.1f} | "
                  f"{rss:.0f} | {seconds / reference:.3f} |")
        for note in notes:
            print(f"| {units:,} | | | note: {note} | | | | | |")


if __name__ == "__main__":
    main()
