#!/usr/bin/env bash
# Fuzz CI: installs what it needs (nightly, a pinned cargo-fuzz), builds every target, and runs
# each for FUZZ_SECONDS (default 30) from a temporary copy of its seed corpus, so the committed
# corpus is never modified. A crash, a broken invariant, a timeout or a leak fails the script,
# which prints the panic, the reproducer (hex) and the command that replays it.
#
#   fuzz/ci.sh                      # all targets, 30 s each
#   FUZZ_SECONDS=600 fuzz/ci.sh session json_value   # some targets, longer
#   FUZZ_LOG_DIR=/some/dir fuzz/ci.sh               # keep each target's libFuzzer log there
set -euo pipefail
cd "$(dirname "$0")"
export CARGO_TERM_COLOR=never
seconds=${FUZZ_SECONDS:-30}
cargo_fuzz_version=0.13.2

# Checked on captured output: `producer | grep -q` under pipefail fails with SIGPIPE (141)
# whenever grep exits before the producer has written everything.
if ! grep -q '^nightly' <<<"$(rustup toolchain list)"; then
    rustup toolchain install nightly --profile minimal
fi
if ! grep -qF "$cargo_fuzz_version" <<<"$(cargo fuzz --version 2>/dev/null || true)"; then
    cargo install cargo-fuzz --locked --version "$cargo_fuzz_version"
fi

# Largest input per target: room for events past the 4 KiB minimum receive buffer where the
# target reads HTTP, small where inputs are structured.
max_len() {
    case $1 in
        session | http_response) echo 16384 ;;
        json_value | context) echo 8192 ;;
        *) echo 4096 ;;
    esac
}

cargo +nightly fuzz build
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
    mapfile -t targets < <(cargo +nightly fuzz list)
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failed=()
for t in "${targets[@]}"; do
    mkdir -p "$work/$t" "artifacts/$t"
    cp -R "corpus/$t/." "$work/$t/"
    log="${FUZZ_LOG_DIR:-$work}/$t.log"
    mkdir -p "$(dirname "$log")"
    touch "$work/$t.start"
    start=$SECONDS
    if cargo +nightly fuzz run "$t" "$work/$t" -- \
        -max_total_time="$seconds" -max_len="$(max_len "$t")" -timeout=10 \
        -print_final_stats=1 -artifact_prefix="artifacts/$t/" >"$log" 2>&1; then
        execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
        # libFuzzer's last status line: coverage, features, corpus (files/bytes), speed.
        cov=$(grep -oE 'cov: [0-9]+ ft: [0-9]+ corp: [0-9]+/[0-9]+[KM]?b' "$log" | tail -1 || true)
        rate=$(grep -oE 'exec/s: [0-9]+' "$log" | tail -1 || true)
        printf '%-18s ok   %4ss  %10s execs  %s  %s\n' "$t" $((SECONDS - start)) "$execs" "$cov" "$rate"
    else
        failed+=("$t")
        echo "=== $t FAILED:"
        # The panic and libFuzzer's verdict, not the progress lines or cargo-fuzz's byte dump.
        grep -E -A3 'panicked at|^==[0-9]+==ERROR|SUMMARY|Test unit written' "$log" | cut -c1-400
        find "artifacts/$t" -type f -newer "$work/$t.start" | while read -r a; do
            echo "--- reproducer $a ($(wc -c <"$a") bytes), replay: cd fuzz && cargo +nightly fuzz run $t $a"
            head -c 512 "$a" | od -A d -t x1z -v
        done
    fi
done
if [ ${#failed[@]} -gt 0 ]; then
    echo "fuzz targets failed: ${failed[*]}"
    exit 1
fi
echo "${#targets[@]} passed, 0 failed"
