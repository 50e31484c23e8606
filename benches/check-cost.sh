#!/bin/sh
# The cost of a batch run over the real-connector corpus, per output format: wall time, CPU
# time (user, sys) and peak memory (max RSS), from GNU time. A measurement, not a test: run it
# by hand on a quiet machine, after `cargo build --release`.
#
#   benches/check-cost.sh [corpus] [binary]
#
# Targets (issue 12): max RSS under 64 MiB in every format; user + sys within twice the
# "read + parse every definition, 1 thread" line of `cargo bench --bench check`.
set -eu
corpus=${1:-${CONNECTOR_LS_CORPUS:-$(dirname "$0")/../../shared/corpus}}
binary=${2:-${CARGO_TARGET_DIR:-$(dirname "$0")/../target}/release/connector-ls}
printf '%-8s %8s %8s %8s %10s\n' format wall user sys maxrss_kb
for format in human json sarif github; do
    log=$(mktemp)
    /usr/bin/time -v "$binary" check "$corpus" --format "$format" >/dev/null 2>"$log" || true
    awk -v format="$format" -F': ' '
        /Elapsed \(wall clock\)/ { wall = $2 }
        /User time/ { user = $2 }
        /System time/ { sys = $2 }
        /Maximum resident set size/ { rss = $2 }
        END { printf "%-8s %8s %8s %8s %10s\n", format, wall, user, sys, rss }
    ' "$log"
    rm -f "$log"
done
