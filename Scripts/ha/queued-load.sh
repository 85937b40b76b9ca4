#!/usr/bin/env bash
# Writes the queued load of the HA scenarios: N committed projects (DIR/NAME-projects.csv, for
# `portfolio project import`) and a change to ongoing for each, effective today, with a key of
# its own (DIR/NAME-changes.csv, for `portfolio status import`; keys NAME-00001, …).
# Usage: Scripts/ha/queued-load.sh N NAME DIR   (NAME: lower-case letters, digits and dashes)
set -euo pipefail
n="${1:?usage: Scripts/ha/queued-load.sh N NAME DIR}"
name="${2:?usage: Scripts/ha/queued-load.sh N NAME DIR}"
dir="${3:?usage: Scripts/ha/queued-load.sh N NAME DIR}"
code="Q$(printf '%s' "$name" | tr -cd 'a-z0-9' | tr 'a-z' 'A-Z')"
today="$(date -u +%F)"
awk -v n="$n" -v code="$code" 'BEGIN {
    print "code,name,sector,status,value,currency,value_date,lenders,start_date,end_date,location"
    for (i = 1; i <= n; i++)
        printf "%s-%05d,Queued load project %d,energy,committed,1000000.00,USD,2020-01-01,China Development Bank=100,2021-01-01,2030-12-31,Minsk\n", code, i, i
}' > "$dir/$name-projects.csv"
awk -v n="$n" -v code="$code" -v name="$name" -v today="$today" 'BEGIN {
    print "code,status,effective_date,note,key"
    for (i = 1; i <= n; i++) printf "%s-%05d,ongoing,%s,queued load,%s-%05d\n", code, i, today, name, i
}' > "$dir/$name-changes.csv"
