# shellcheck shell=bash
# scripts/lib.sh — shared by scripts/check and scripts/demo (sourced).
# Expects REPO to be set to the repository root.

BUILD_DIR=${GEOREP_BUILD_DIR:-$REPO/build}

# Debian packages the build, the tests and the sandbox need.
REQUIRED_PACKAGES=(
  gcc meson ninja-build pkg-config
  libglib2.0-dev libxml2-dev libxml2-utils libssh-dev libjson-glib-dev
  libsoup-3.0-dev
  libsystemd-dev libpolkit-gobject-1-dev libpolkit-agent-1-dev polkitd pkexec
  systemd dbus-daemon dbus-bin
  glusterfs-server glusterfs-client openssh-server openssh-client rsync
  attr procps psmisc python3 iproute2 util-linux passwd man-db
  # georepctl's zsh completion is tested in zsh; its German with a locale
  # the tests compile from the locales package's definitions (localedef).
  zsh locales
  # The packages (packaging/) and their checks; appstream validates the
  # page's metainfo.
  build-essential debhelper dpkg-dev lintian rpm appstream
  # The Cockpit page: its build (node, npm; gettext for its translations)
  # and its browser tests.
  cockpit-ws cockpit-bridge cockpit-system chromium nodejs gettext
  # /metrics: a real Prometheus scrapes georepd in the sandbox (and its
  # promtool checks the example alert rules); a strict OpenMetrics parser
  # reads the exposition back (tests/check-openmetrics.py).
  prometheus python3-prometheus-client
)
# NodeSource's nodejs (seen on CI images) carries npm and conflicts with
# Debian's npm package: ask for that only when no npm is there.
command -v npm >/dev/null 2>&1 || REQUIRED_PACKAGES+=(npm)

log () { printf '\n==> %s\n' "$*" >&2; }
die () { printf 'ERROR: %s\n' "$*" >&2; exit 1; }

require_root () {
  [[ $EUID -eq 0 ]] || die "$(basename "$0") must run as root (it starts daemons and creates users)"
}

package_installed () {
  [[ "$(dpkg-query -W -f='${db:Status-Abbrev}' "$1" 2>/dev/null)" == ii* ]]
}

# Touch apt only when something is missing: CI images have it all.
ensure_packages () {
  local pkg missing=()
  for pkg in "${REQUIRED_PACKAGES[@]}"; do
    package_installed "$pkg" || missing+=("$pkg")
  done
  if ((${#missing[@]} == 0)); then
    log "all ${#REQUIRED_PACKAGES[@]} required packages are installed"
    return
  fi
  log "installing ${missing[*]}"
  apt-get update
  DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}"
}

# usage: build_project [MESON_OPTION...]   e.g. build_project -Dwerror=true
# Configures a fresh build directory, or reconfigures an existing one.
# Written with && because callers use it in a condition, where bash
# ignores set -e.
build_project () {
  configure_build "$@" && log "building" && meson compile -C "$BUILD_DIR"
}

configure_build () {
  if [[ -e $BUILD_DIR/meson-private/coredata.dat ]]; then
    log "reconfiguring $BUILD_DIR $*"
    (($# == 0)) || meson configure "$BUILD_DIR" "$@"
  else
    log "configuring $BUILD_DIR $*"
    meson setup "$BUILD_DIR" "$REPO" "$@"
  fi
}

# Bring the sandbox up and export its environment into this shell.
# Returns scripts/sandbox's status: 3 when someone else's sandbox is up.
sandbox_up () {
  local exports status=0
  log "starting the sandbox (scripts/sandbox up)"
  exports=$(GEOREP_BUILD_DIR=$BUILD_DIR "$REPO/scripts/sandbox" up) || status=$?
  ((status == 0)) || return "$status"
  eval "$exports"
}

sandbox_down () {
  log "stopping the sandbox (scripts/sandbox down)"
  "$REPO/scripts/sandbox" down
}
