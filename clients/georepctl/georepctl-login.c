/* georepctl: the logind session of our own process, found in its cgroup
 * the way sd_pid_get_session () of libsystemd finds it. Linking
 * libsystemd for that one question made every start of georepctl load
 * and relocate seven more shared libraries (libgcrypt, liblzma, libzstd,
 * …), for an answer only the polkit agent needs.
 *
 * logind puts the processes of each session in a scope unit named
 * session-ID.scope, below the slices of the user:
 *
 *   0::/user.slice/user-1000.slice/session-3.scope
 *
 * The first unit below the slices names the session; a process of any
 * other unit (a service, the user's manager user@1000.service, a
 * container's scope) is in no session. */
#include <linux/magic.h>
#include <string.h>
#include <sys/vfs.h>
#include <unistd.h>

#include "georepctl-login.h"

/* A zombie's cgroup can have been removed meanwhile. */
static char *
without_deleted_suffix (const char *path)
{
  if (g_str_has_suffix (path, " (deleted)"))
    return g_strndup (path, strlen (path) - strlen (" (deleted)"));
  return g_strdup (path);
}

static gboolean
lists_controller (const char *controllers, const char *name)
{
  g_auto (GStrv) names = g_strsplit (controllers, ",", -1);

  return g_strv_contains ((const char *const *) names, name);
}

static gboolean
is_hierarchy (char **fields, CtlCgroupHierarchy hierarchy)
{
  if (hierarchy == CTL_CGROUP_UNIFIED)
    return g_str_equal (fields[0], "0") && *fields[1] == '\0';
  return lists_controller (fields[1], "name=systemd");
}

/* The path in systemd's @hierarchy, from the text of /proc/PID/cgroup:
 * lines of "hierarchy-ID:controller,…:path". */
static char *
systemd_cgroup (const char *cgroups, CtlCgroupHierarchy hierarchy)
{
  g_auto (GStrv) lines = g_strsplit (cgroups, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto (GStrv) fields = g_strsplit (lines[i], ":", 3);

      if (g_strv_length (fields) == 3 && is_hierarchy (fields, hierarchy))
        return without_deleted_suffix (fields[2]);
    }
  return NULL;
}

/* In a container without a cgroup namespace of its own, the paths are
 * the host's, and what counts is below the container's root: where its
 * PID 1 is, less PID 1's own unit. */
static char *
root_cgroup (const char *init_cgroups, CtlCgroupHierarchy hierarchy)
{
  const char *const init_units[] = { "/init.scope", "/system.slice",
                                     "/system" };
  char *root = systemd_cgroup (init_cgroups, hierarchy);

  for (guint i = 0; root != NULL && i < G_N_ELEMENTS (init_units); i++)
    if (g_str_has_suffix (root, init_units[i]))
      {
        root[strlen (root) - strlen (init_units[i])] = '\0';
        break;
      }
  return root;
}

static const char *
below_root (const char *path, const char *root)
{
  gsize length = strlen (root);

  while (length > 0 && root[length - 1] == '/')
    length--;
  /* A whole path component must match: /a is not a root of /ab. */
  if (length == 0 || strncmp (path, root, length) != 0 ||
      (path[length] != '/' && path[length] != '\0'))
    return path;
  return path + length;
}

/* systemd prefixes a '_' to unit names that could clash with the
 * kernel's own file names in the cgroup tree. */
static const char *
unescape (const char *name)
{
  return name[0] == '_' ? name + 1 : name;
}

/* A slice unit's name: "x.slice" at least, of the characters of unit
 * names (letters, digits, ":-_.\"), at most 255 of them. */
static gboolean
is_slice (const char *name)
{
  gsize length = strlen (name);

  if (length < strlen ("x.slice") || length > 255 ||
      !g_str_has_suffix (name, ".slice"))
    return FALSE;
  for (gsize i = 0; i < length; i++)
    if (!g_ascii_isalnum (name[i]) && strchr (":-_.\\", name[i]) == NULL)
      return FALSE;
  return TRUE;
}

/* session-ID.scope, where ID is letters and digits. */
static char *
session_of_unit (const char *unit)
{
  const gsize prefix = strlen ("session-");
  const gsize suffix = strlen (".scope");
  gsize length = strlen (unit);

  if (length <= prefix + suffix || !g_str_has_prefix (unit, "session-") ||
      !g_str_has_suffix (unit, ".scope"))
    return NULL;
  for (gsize i = prefix; i < length - suffix; i++)
    if (!g_ascii_isalnum (unit[i]))
      return NULL;
  return g_strndup (unit + prefix, length - prefix - suffix);
}

/* The session ID from the texts of /proc/self/cgroup and /proc/1/cgroup,
 * NULL when in no session. Without PID 1's cgroup (@init_cgroups NULL)
 * there is no answer, as with libsystemd. */
char *
ctl_cgroup_session (const char *own_cgroups,
                    const char *init_cgroups,
                    CtlCgroupHierarchy hierarchy)
{
  g_autofree char *own = systemd_cgroup (own_cgroups, hierarchy);
  g_autofree char *root =
      init_cgroups ? root_cgroup (init_cgroups, hierarchy) : NULL;
  g_auto (GStrv) components = NULL;

  if (own == NULL || root == NULL)
    return NULL;
  components = g_strsplit (below_root (own, root), "/", -1);
  for (guint i = 0; components[i] != NULL; i++)
    {
      const char *name = unescape (components[i]);

      if (*components[i] != '\0' && !is_slice (name))
        return session_of_unit (name);
    }
  return NULL;
}

static gboolean
is_filesystem (const char *path, unsigned long type)
{
  struct statfs fs;

  return statfs (path, &fs) == 0 && (unsigned long) fs.f_type == type;
}

/* Which hierarchy systemd uses, from what is mounted where, as libsystemd
 * decides: cgroup v2 on /sys/fs/cgroup, or beside v1 (hybrid), on
 * /sys/fs/cgroup/unified or, for systemd 232, /sys/fs/cgroup/systemd;
 * else v1's named hierarchy. FALSE when there is no cgroup tree of
 * systemd's at all. */
static gboolean
find_hierarchy (CtlCgroupHierarchy *hierarchy)
{
  *hierarchy = CTL_CGROUP_UNIFIED;
  if (is_filesystem ("/sys/fs/cgroup/", CGROUP2_SUPER_MAGIC))
    return TRUE;
  if (!is_filesystem ("/sys/fs/cgroup/", TMPFS_MAGIC))
    return FALSE;
  if (is_filesystem ("/sys/fs/cgroup/unified/", CGROUP2_SUPER_MAGIC) ||
      is_filesystem ("/sys/fs/cgroup/systemd/", CGROUP2_SUPER_MAGIC))
    return TRUE;
  *hierarchy = CTL_CGROUP_NAMED;
  return access ("/sys/fs/cgroup/systemd/", F_OK) == 0;
}

gboolean
ctl_in_login_session (void)
{
  g_autofree char *own = NULL;
  g_autofree char *init = NULL;
  g_autofree char *session = NULL;
  CtlCgroupHierarchy hierarchy;

  if (!find_hierarchy (&hierarchy) ||
      !g_file_get_contents ("/proc/self/cgroup", &own, NULL, NULL) ||
      !g_file_get_contents ("/proc/1/cgroup", &init, NULL, NULL))
    return FALSE;
  session = ctl_cgroup_session (own, init, hierarchy);
  return session != NULL;
}
