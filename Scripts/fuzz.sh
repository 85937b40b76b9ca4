#!/usr/bin/env bash
# Coverage-guided fuzzing with libFuzzer (issue 7, item 5).
#
#   Scripts/fuzz.sh [--seconds N] [TARGET...]     targets: csv money date config xml (default: all)
#
# Each target is Tests/Fuzz/Fuzz<Target>.swift, a `@_cdecl("LLVMFuzzerTestOneInput")` function,
# compiled with `swiftc -sanitize=fuzzer,address -parse-as-library -O` together with the pure
# sources it exercises (SwiftPM cannot link a libFuzzer executable, so this bypasses it) into
# .build-fuzz/; the modules PortfolioCore imports (CivilCalendar, CSV, XML) are compiled first, each as
# a module of its own. The script first replays every saved crash in Tests/Fuzz/Regressions/<target>/,
# then fuzzes for N seconds (default 20) starting from a scratch copy of Tests/Fuzz/Corpus/<target>/,
# and prints the executions run and exec/s. It exits 1 if any target crashed, hung, ran out of
# memory or failed a regression input; the offending input's path is printed.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
FUZZ="Tests/Fuzz"
OUT="${FUZZ_BUILD_DIR:-.build-fuzz}"

seconds=20
targets=()
while (($#)); do
    case "$1" in
        --seconds) seconds="${2:?--seconds needs a number}"; shift 2 ;;
        --seconds=*) seconds="${1#*=}"; shift ;;
        -h|--help) sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        -*) echo "fuzz.sh: unknown option $1" >&2; exit 64 ;;
        *) targets+=("$1"); shift ;;
    esac
done
[[ "$seconds" =~ ^[0-9]+$ && "$seconds" -gt 0 ]] || { echo "fuzz.sh: --seconds needs a positive whole number" >&2; exit 64; }
((${#targets[@]})) || targets=(csv money date config xml)

core_sources() { find Sources/PortfolioCore -name '*.swift' | sort; }
# The modules PortfolioCore imports, compiled on their own before the targets that need them.
CORE_MODULES=(CivilCalendar CSV XML)
module_sources() { find "Sources/$1" -name '*.swift' | sort; }
sources_for() {
    case "$1" in
        csv|money|date|xml) core_sources ;;
        config) ls Sources/PortfolioJobs/Configuration/*.swift ;;
        *) return 1 ;;
    esac
}
main_file() {
    case "$1" in
        csv) echo "$FUZZ/FuzzCSV.swift" ;; money) echo "$FUZZ/FuzzMoney.swift" ;;
        date) echo "$FUZZ/FuzzDate.swift" ;; config) echo "$FUZZ/FuzzConfig.swift" ;;
        xml) echo "$FUZZ/FuzzXML.swift" ;;
    esac
}

for target in "${targets[@]}"; do
    if ! sources_for "$target" >/dev/null 2>&1 || [[ ! -f "$(main_file "$target")" ]]; then
        echo "fuzz.sh: unknown target $target; use csv, money, date, config or xml" >&2
        exit 64
    fi
done

# Swift's own crash backtracer would take the trap signals from libFuzzer (no crash file
# written, and its backtrace helper can keep the output pipe open): leave them to libFuzzer.
export SWIFT_BACKTRACE="${FUZZ_SWIFT_BACKTRACE:-enable=no}"

mkdir -p "$OUT/logs"
failed=0
summary=()

SWIFTC_FLAGS=(-sanitize=fuzzer,address -parse-as-library -O -wmo -swift-version 6 -enable-upcoming-feature ExistentialAny)

module_object() { # NAME → compiles the module (interface and object) into $OUT/modules when a source changed
    local name="$1" dir="$OUT/modules" object="$OUT/modules/$1.o"
    local -a files
    mapfile -t files < <(module_sources "$name")
    mkdir -p "$dir"
    if [[ -f "$object" && -z "$(find "${files[@]}" "$0" -newer "$object" 2>/dev/null)" ]]; then return 0; fi
    echo "fuzz.sh: compiling the $name module (${#files[@]} files)" >&2
    swiftc "${SWIFTC_FLAGS[@]}" -module-name "$name" -emit-module -emit-module-path "$dir/$name.swiftmodule" \
        -emit-object -o "$object" "${files[@]}" >"$OUT/logs/$name-module-build.log" 2>&1 \
        || { cat "$OUT/logs/$name-module-build.log" >&2; return 1; }
}

build() { # target → binary path; rebuilds only when a source is newer than the binary
    local target="$1" bin="$OUT/fuzz-$1" main
    main="$(main_file "$target")"
    local -a files
    mapfile -t files < <(sources_for "$target")
    files=("$main" "${files[@]}")
    # Every target but config is built against the modules PortfolioCore imports.
    local -a linked=() watched=("${files[@]}")
    if [[ "$target" != config ]]; then
        linked=(-I "$OUT/modules")
        local module
        for module in "${CORE_MODULES[@]}"; do
            module_object "$module" || return 1
            linked+=("$OUT/modules/$module.o")
            watched+=("$OUT/modules/$module.o")
        done
    fi
    if [[ -x "$bin" && -z "$(find "${watched[@]}" "$0" -newer "$bin" 2>/dev/null)" ]]; then
        echo "$bin"; return 0
    fi
    echo "fuzz.sh: compiling $target (${#files[@]} files)" >&2
    # -wmo: one frontend process, so one compile at a time on a shared machine.
    swiftc "${SWIFTC_FLAGS[@]}" -module-name "Fuzz_$target" -o "$bin" "${linked[@]}" \
        "${files[@]}" >"$OUT/logs/$target-build.log" 2>&1 \
        || { grep -v "Cannot export local symbol" "$OUT/logs/$target-build.log" >&2; return 1; }
    # gold warns once per ASan helper symbol; anything else is worth seeing.
    grep -v "Cannot export local symbol" "$OUT/logs/$target-build.log" >&2 || true
    echo "$bin"
}

for target in "${targets[@]}"; do
    bin="$(build "$target")" || { summary+=("$target: BUILD FAILED"); failed=1; continue; }
    logs="$OUT/logs"; crashes="$OUT/crashes/$target"; corpus="$OUT/corpus/$target"
    mkdir -p "$logs" "$crashes"

    # 1. Saved crash inputs must no longer crash.
    regressions=0; regression_failed=""
    if [[ -d "$FUZZ/Regressions/$target" ]]; then
        for input in "$FUZZ/Regressions/$target"/*; do
            [[ -f "$input" ]] || continue
            regressions=$((regressions + 1))
            if ! "$bin" -timeout=10 "$input" >"$logs/$target-regression.log" 2>&1; then
                regression_failed+=" $input"
                grep -m1 -E "Fatal error|ERROR: AddressSanitizer|ERROR: libFuzzer" "$logs/$target-regression.log" \
                    | sed "s|^|  $target: regression $input: |" >&2 || true
            fi
        done
    fi

    # 2. Fuzz from a scratch copy of the seed corpus.
    rm -rf "$corpus"; mkdir -p "$corpus"
    cp "$FUZZ/Corpus/$target"/* "$corpus/" 2>/dev/null || true
    seeds=$(find "$corpus" -type f | wc -l)
    dict=(); [[ -f "$FUZZ/$target.dict" ]] && dict=(-dict="$FUZZ/$target.dict")
    log="$logs/$target.log"
    echo "fuzz.sh: fuzzing $target for ${seconds}s ($seeds seeds, $regressions regression inputs)" >&2
    set +e
    "$bin" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
        -artifact_prefix="$crashes/" "${dict[@]}" "$corpus" >"$log" 2>&1
    status=$?
    set -e

    # The last number after `pattern` in the log, or nothing.
    last() { grep -oE "$1" "$log" | grep -oE '[0-9]+$' | tail -1 || true; }
    execs=$(last 'stat::number_of_executed_units: *[0-9]+')
    rate=$(grep -E '^#[0-9]+[[:space:]]+DONE' "$log" | grep -oE 'exec/s: *[0-9]+' | grep -oE '[0-9]+$' | tail -1 || true)
    [[ -n "$rate" ]] || rate=$(last 'stat::average_exec_per_sec: *[0-9]+')
    [[ -n "$execs" ]] || execs=$(last '^#[0-9]+')
    line="$target: ${execs:-?} executions, ${rate:-?} exec/s, corpus $seeds -> $(find "$corpus" -type f | wc -l) inputs"
    if ((status != 0)); then
        artifact=$(grep -oE 'Test unit written to [^ ]+' "$log" | tail -1 | sed 's/Test unit written to //' || true)
        reason=$(grep -m1 -oE 'Fatal error: .*|ERROR: (AddressSanitizer|LeakSanitizer|libFuzzer): [^(]*' "$log" || true)
        line+=", CRASHED (exit $status): ${reason:-see $log}; input: ${artifact:-none written}"
        failed=1
    fi
    if [[ -n "$regression_failed" ]]; then
        line+=", REGRESSION FAILED:$regression_failed"
        failed=1
    elif ((regressions)); then
        line+=", $regressions regression inputs pass"
    fi
    summary+=("$line")
    echo "$line"
done

echo "---"
printf '%s\n' "${summary[@]}"
exit "$failed"
