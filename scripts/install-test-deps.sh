#!/usr/bin/env bash
# Installs what the test suite needs on a fresh Debian machine: the real go command, zstd (the
# Actions cache archives with it), git (the go command's direct fetch of a private module), and Go
# sources from Debian's golang-*-dev packages, from which the test fixtures build real module
# zips. Idempotent; quiet when everything is already there.
set -euo pipefail

packages=(golang-1.19-go zstd golang-golang-x-mod-dev git)
# Sources for the module corpus (test/support/helpers/corpus.ts); keep in step with that file.
packages+=($(grep -v '^#' "$(dirname "$0")/../test/support/fixtures/debian-packages.txt" 2>/dev/null || true))

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  sudo_cmd=()
  [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
  "${sudo_cmd[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
/usr/lib/go-1.19/bin/go version
# Today's Go, which the suites run beside Go 1.19 (vitest.config.ts); it comes with the machine.
"${GO_NEW_BIN:-/usr/local/go/bin/go}" version || { echo "no Go at ${GO_NEW_BIN:-/usr/local/go/bin/go}: install today's Go there, or set GO_NEW_BIN" >&2; exit 1; }
