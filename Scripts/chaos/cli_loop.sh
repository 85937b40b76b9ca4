#!/usr/bin/env bash
# An administrator in a loop, for scenario 3 of Scripts/chaos.sh:
#
#   cli_loop.sh ID SECONDS OUT.tsv CODE...
#
# Until SECONDS have passed, picks one of the CODEs at random and either sets a random status
# (one in ten forced, each with a unique note `s3-cliID-N`) or updates the project's value and
# location (a unique location `s3-cliID-N`; one in three with --expect-version read just before
# through `project show`, so the other administrator can win the race). Runs `portfolio` from
# $BIN_DIR with DATABASE_URL from the environment. Writes one line per command to OUT.tsv:
#   kind  code  status|location  note  forced  exit  stderr-lines  stderr-ok  effective  first-stderr-line
# stderr-ok is 1 when stderr is empty or exactly one line starting with "error: ".
set -uo pipefail

id="$1"; seconds="$2"; out="$3"; shift 3
codes=("$@")
portfolio="$BIN_DIR/portfolio"
statuses=(pledged committed ongoing finished suspended cancelled)
err="$(mktemp)"
trap 'rm -f "$err"' EXIT
: >"$out"
end=$((SECONDS + seconds))
i=0
while ((SECONDS < end)); do
    i=$((i + 1))
    code="${codes[RANDOM % ${#codes[@]}]}"
    tag="s3-cli$id-$i"
    forced=0
    if ((RANDOM % 2 == 0)); then
        kind=status
        target="${statuses[RANDOM % ${#statuses[@]}]}"
        args=(status set "$code" "$target" --note "$tag")
        if ((RANDOM % 10 == 0)); then args+=(--force); forced=1; fi
    else
        kind=update
        target="$tag"
        value="$((RANDOM * 32768 + RANDOM + 1000000)).$((RANDOM % 90 + 10))"
        args=(project update "$code" --value "$value" --location "$tag")
        if ((RANDOM % 3 == 0)); then
            version="$("$portfolio" project show "$code" --format json 2>/dev/null \
                | grep -oE '"version"[^0-9]*[0-9]+' | grep -oE '[0-9]+$' | head -1)"
            [[ -n "$version" ]] && args+=(--expect-version "$version")
            sleep "0.$((RANDOM % 3))"   # a window for the other administrator
        fi
    fi
    stdout="$("$portfolio" "${args[@]}" 2>"$err")"
    rc=$?
    lines=$(grep -c '' "$err")
    ok=0
    if ((lines == 0)) || { ((lines == 1)) && grep -q '^error: ' "$err"; }; then ok=1; fi
    effective=""
    if [[ "$kind" == status && $rc -eq 0 ]]; then
        effective="$(grep -oE 'effective [0-9]{4}-[0-9]{2}-[0-9]{2}' <<<"$stdout" | grep -oE '[0-9-]+$' | head -1)"
    fi
    first="$(head -1 "$err" | tr '\t' ' ' | cut -c1-200)"
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' \
        "$kind" "$code" "$target" "$tag" "$forced" "$rc" "$lines" "$ok" "$effective" "$first" >>"$out"
done
