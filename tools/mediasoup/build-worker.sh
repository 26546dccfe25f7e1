#!/usr/bin/env bash
# Builds the mediasoup 3.12.16 worker (C++) against the distribution's own
# libraries (Debian 12: libuv, libsrtp2, usrsctp, abseil, OpenSSL,
# nlohmann-json) instead of the wrap files mediasoup would download, so it
# builds offline. The binary is cached at
#   ~/.cache/talent-cloud/mediasoup-worker/<mediasoup version>-<distro id+version>/mediasoup-worker
# (MEDIASOUP_CACHE_DIR overrides the root; outside the checkout so fresh clones reuse it)
# and its path is printed on stdout (everything else goes to stderr), so
#   export MEDIASOUP_WORKER_BIN="$(tools/mediasoup/build-worker.sh)"
# works. Idempotent: does nothing when the cached binary exists.
#
# Environment:
#   MEDIASOUP_SRC   worker sources (default: node_modules/mediasoup/worker)
#   BUILD_JOBS      parallel compile jobs (default: nproc)
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
BIN="$("$HERE/worker-bin.sh" --expected)"
MEDIASOUP_VERSION="$(basename "$(dirname "$BIN")" | cut -d- -f1)"
SRC="${MEDIASOUP_SRC:-$ROOT/node_modules/mediasoup/worker}"

log() { echo "[build-worker] $*" >&2; }

if [ -x "$BIN" ]; then
  echo "$BIN"
  exit 0
fi

# --- 0. the sources must be the version the cache path promises ------------
if [ ! -f "$SRC/meson.build" ]; then
  log "no worker sources at $SRC (run npm ci first, or set MEDIASOUP_SRC)"
  exit 1
fi
src_version="$(node -p "require('$SRC/../package.json').version" 2>/dev/null || echo unknown)"
if [ "$src_version" != "$MEDIASOUP_VERSION" ]; then
  log "worker sources are mediasoup $src_version, expected $MEDIASOUP_VERSION (update worker-bin.sh)"
  exit 1
fi

# --- 1. system packages ------------------------------------------------------
APT_PACKAGES=(g++ pkg-config ninja-build python3 libabsl-dev libsrtp2-dev libuv1-dev
  nlohmann-json3-dev libssl-dev libusrsctp-dev)
missing=()
for p in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ! python3 -m pip --version >/dev/null 2>&1; then missing+=(python3-pip); fi
if [ "${#missing[@]}" -gt 0 ]; then
  SUDO=""
  if [ "$(id -u)" != 0 ]; then SUDO="sudo"; fi
  log "installing ${missing[*]}"
  $SUDO apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
fi

# --- 2. meson >= 1.1 (mediasoup requires it; Debian 12 ships 1.0.1) ---------
CACHE="$(dirname "$(dirname "$BIN")")"
mkdir -p "$CACHE"
meson_ok() {
  local v
  v="$("$@" --version 2>/dev/null)" || return 1
  [ -n "$v" ] && awk -F. -v v="$v" 'BEGIN { split(v, p, "."); exit !(p[1] > 1 || (p[1] == 1 && p[2] >= 1)) }'
}
MESON=(meson)
if ! meson_ok meson; then
  MESON=(env "PYTHONPATH=$CACHE/meson" python3 -m mesonbuild.mesonmain)
  if ! meson_ok "${MESON[@]}"; then
    log "installing meson >= 1.1 into $CACHE/meson with pip"
    python3 -m pip install --quiet --target "$CACHE/meson" 'meson>=1.1,<2' >&2
  fi
fi
log "meson $("${MESON[@]}" --version)"

# --- 3. a private copy of the sources with local subprojects ----------------
WORK="$CACHE/build-$MEDIASOUP_VERSION"
rm -rf "$WORK"
mkdir -p "$WORK"
cp -a "$SRC" "$WORK/worker"
rm -f "$WORK/worker/subprojects/"*.wrap

# subproject NAME OPTIONS MESON_BODY
#   Writes subprojects/NAME/{meson.build,meson_options.txt}. Each one takes the
#   system library with dependency() and defines the variables the worker's
#   meson.build reads with get_variable(). link_whole wants static libraries,
#   so those variables are tiny stub libraries; real linkage comes from the
#   dependency objects.
subproject() {
  local dir="$WORK/worker/subprojects/$1"
  mkdir -p "$dir"
  printf '%s' "$2" > "$dir/meson_options.txt"
  echo "int ms_stub_${1//-/_} = 0;" > "$dir/stub.c"
  printf "project('%s', 'c', version: 'system')\nstub_c = files('stub.c')\n%s\n" "$1" "$3" \
    > "$dir/meson.build"
}

subproject openssl "" "
openssl_dep = dependency('openssl', version: '>= 1.1.1')
libcrypto_lib = static_library('crypto_stub', stub_c)
libssl_lib = static_library('ssl_stub', stub_c)"

subproject nlohmann_json "" "
nlohmann_json_dep = dependency('nlohmann_json', version: '>= 3.10')"

subproject libuv "option('build_tests', type: 'boolean', value: false)
option('build_benchmarks', type: 'boolean', value: false)
" "
libuv_dep = dependency('libuv', version: '>= 1.44')
libuv = static_library('uv_stub', stub_c)"

subproject libsrtp2 "option('crypto-library', type: 'combo', choices: ['none', 'openssl', 'nss', 'mbedtls'], value: 'openssl')
option('crypto-library-kdf', type: 'feature', value: 'auto')
option('tests', type: 'feature', value: 'auto')
" "
srtp = dependency('libsrtp2', version: '>= 2.4')
# Debian installs the headers in <includedir>/srtp2 while the worker includes <srtp.h>.
libsrtp2_dep = declare_dependency(dependencies: srtp,
  compile_args: ['-I' + srtp.get_variable(pkgconfig: 'includedir') / 'srtp2'])
libsrtp2 = static_library('srtp2_stub', stub_c)"

subproject usrsctp "option('sctp_build_programs', type: 'boolean', value: false)
" "
usrsctp_dep = dependency('usrsctp')
usrsctp = static_library('usrsctp_stub', stub_c)"

subproject abseil-cpp "" "
absl = {}
foreach m : ['base', 'btree', 'flat_hash_map', 'flat_hash_set', 'hash', 'inlined_vector',
             'memory', 'optional', 'raw_hash_set', 'strings', 'variant']
  absl += {m: dependency('absl_' + m)}
endforeach
absl_container_dep = declare_dependency(dependencies: [absl['base'], absl['btree'],
  absl['flat_hash_map'], absl['flat_hash_set'], absl['hash'], absl['inlined_vector'],
  absl['memory'], absl['raw_hash_set']])
absl_strings_dep = absl['strings']
absl_types_dep = declare_dependency(dependencies: [absl['optional'], absl['variant']])
absl_container_lib = static_library('absl_container_stub', stub_c)"

# The worker calls subproject('catch2') even for the plain executable; the
# test binaries are not built, so an empty dependency is enough.
subproject catch2 "" "
catch2_dep = dependency('catch2', required: false)"

# --- 4. build ----------------------------------------------------------------
cd "$WORK/worker"
log "configuring in $WORK/worker"
"${MESON[@]}" setup --buildtype=release -Db_ndebug=true -Db_pie=true --wrap-mode=nodownload \
  out >&2
log "compiling (a few minutes)"
ninja -C out -j "${BUILD_JOBS:-$(nproc)}" mediasoup-worker >&2

mkdir -p "$(dirname "$BIN")"
install -m 0755 -s out/mediasoup-worker "$BIN.tmp"
mv "$BIN.tmp" "$BIN"
# Smoke test: the worker exits at once (no channel fds) but must load its libraries.
if ldd "$BIN" | grep -q "not found"; then
  log "missing shared libraries:"; ldd "$BIN" | grep "not found" >&2; rm -f "$BIN"; exit 1
fi
cd "$ROOT"
rm -rf "$WORK"
log "built $BIN"
echo "$BIN"
