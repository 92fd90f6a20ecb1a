#!/usr/bin/env python3
"""Benchmark harness (driven by scripts/bench): a synthetic province at several scales, submissions in
two shapes (one file per unit; one file per district and unit type), timed side by side:
cat of the inputs, a plain Python csv script, DuckDB (threads 1 and 2, when it could be installed),
and tonghop (release) stage by stage, in total, and a no-op rerun. Checks that the province's total
of cuoc_tt is the same for every tool before its time counts. Deterministic; writes only to a
temporary folder."""
import csv, glob, os, random, shutil, statistics, subprocess, sys, tempfile, time

TONGHOP = sys.argv[1]
SCALES = [int(s) for s in os.environ.get("BENCH_SCALES", "1000,10000").split(",")]
REPEAT = int(os.environ.get("BENCH_REPEAT", "3"))
DUCKDB_PYTHON = os.environ.get("BENCH_DUCKDB_PYTHON")
PERIOD = "2024-H1"
COLUMNS = ["ma_don_vi", "ky_bao_cao", "ngay_lap", "cuoc_tt", "luot_nam", "luot_nu", "tin_q1", "tin_q2",
           "huong_uoc", "huong_uoc_bdg", "luot_gv_nv", "luot_hs_nam", "luot_hs_nu", "bo_chi_so", "tin_bai_bc", "ghi_chu"]
APPLIES = {"xa": COLUMNS[:10] + ["ghi_chu"], "huyen": COLUMNS[:6] + ["ghi_chu"],
           "truong": COLUMNS[:4] + ["luot_gv_nv", "luot_hs_nam", "luot_hs_nu", "ghi_chu"],
           "so_nganh": COLUMNS[:6] + ["ghi_chu"], "bao_chi": ["ma_don_vi", "ky_bao_cao", "ngay_lap", "bo_chi_so", "tin_bai_bc", "ghi_chu"]}


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
    return registry


def timed(command, env=None):
    """(seconds, peak RSS in MB) of a child process, the RSS as /usr/bin/time measures it."""
    with tempfile.NamedTemporaryFile() as rss:
        start = time.perf_counter()
        subprocess.run(["/usr/bin/time", "-f", "%M", "-o", rss.name] + command, check=True, env=env,
                       stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        seconds = time.perf_counter() - start
        peak = int(open(rss.name).read().split()[-1])
    return seconds, peak / 1024


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


def main():
    work = tempfile.mkdtemp(prefix="tonghop-bench-")
    rows = []
    try:
        for units in SCALES:
            for shape in ("unit", "district"):
                base = f"{work}/{units}-{shape}"
                generate(base, units, shape)
                files = glob.glob(f"{base}/inputs/submissions/*.csv")
                size = sum(os.path.getsize(p) for p in files) / 1e6
                results = {}

                def median(name, command, env=None, prepare=None):
                    runs = []
                    for _ in range(REPEAT):
                        if prepare:
                            prepare()
                        runs.append(timed(command, env))
                    results[name] = (statistics.median(r[0] for r in runs), max(r[1] for r in runs))

                median("cat", ["sh", "-c", f"cat {base}/inputs/submissions/*.csv > /dev/null"] if len(files) < 20000
                       else ["sh", "-c", f"find {base}/inputs/submissions -name '*.csv' -exec cat {{}} + > /dev/null"])
                script = f"{work}/py.py"
                open(script, "w").write(PYTHON_SCRIPT)
                median("python csv", [sys.executable, script, base])
                expected = subprocess.run([sys.executable, script, base], capture_output=True, text=True).stdout.strip()
                if DUCKDB_PYTHON:
                    ds = f"{work}/duck.py"
                    open(ds, "w").write(DUCKDB_SCRIPT)
                    got = subprocess.run([DUCKDB_PYTHON, ds, base, "1"], capture_output=True, text=True).stdout.strip()
                    if got != expected:
                        print(f"! DuckDB total {got} differs from Python's {expected}", file=sys.stderr)
                    median("duckdb 1 thread", [DUCKDB_PYTHON, ds, base, "1"])
                    median("duckdb 2 threads", [DUCKDB_PYTHON, ds, base, "2"])

                def clean():
                    shutil.rmtree(f"{base}/outputs", ignore_errors=True)
                t = [TONGHOP, "--root", base, "--quiet", "--today", "2024-07-01"]
                stages = []
                for _ in range(REPEAT):
                    clean()
                    one = {}
                    for stage in ("ingest", "validate", "rollup", "export"):
                        args = t + [stage] + ([] if stage == "ingest" else ["--period", PERIOD])
                        one[stage] = timed(args)
                    stages.append(one)
                for stage in ("ingest", "validate", "rollup", "export"):
                    results[f"tonghop {stage}"] = (statistics.median(s[stage][0] for s in stages), max(s[stage][1] for s in stages))
                total = subprocess.run(["sh", "-c", f"grep '^{PERIOD},99,TS_cuoc_tt,' {base}/outputs/staging/{PERIOD}/chi-tieu.csv | cut -d, -f4"],
                                       capture_output=True, text=True).stdout.strip()
                if total != expected:
                    print(f"! tonghop total {total} differs from Python's {expected}", file=sys.stderr)
                up_to_rollup = sum(results[f"tonghop {s}"][0] for s in ("ingest", "validate", "rollup"))
                results["tonghop up to rollup"] = (up_to_rollup, 0)
                results["tonghop run"] = (up_to_rollup + results["tonghop export"][0], 0)
                median("tonghop no-op run", t + ["run", "--period", PERIOD])
                rows.append((units, shape, len(files), size, results))
                print(f"{units} units, one file per {shape}: done", file=sys.stderr)
    finally:
        shutil.rmtree(work, ignore_errors=True)

    print(f"| units | shape | files | MB | tool | median s | rows/s | MB/s | peak RSS MB | × python | × cat |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    for units, shape, files, size, results in rows:
        for tool, (seconds, rss) in results.items():
            print(f"| {units:,} | {shape} | {files:,} | {size:.1f} | {tool} | {seconds:.3f} | {units / seconds:,.0f} | {size / seconds:.1f} | "
                  f"{rss:.0f} | {seconds / results['python csv'][0]:.2f} | {seconds / results['cat'][0]:.1f} |")


main()
