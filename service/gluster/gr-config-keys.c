/* georepd: the allowlist of gsyncd config keys.
 *
 * Taken from the gsyncd.conf template of Gluster 10.3
 * (/etc/glusterfs/gsyncd.conf on Debian) and checked against a real
 * `config` listing. Keys gsyncd marks configurable=false are read-only
 * here: the CLI nevertheless stores a value for them (seen with
 * primary-bricks), so refusing them is up to us. A key is a command when
 * its value is run, passed to something run, or names a file or
 * directory gsyncd writes as root. Gluster <= 9 named the secondary-* and
 * primary-* keys slave-* and master-*. */
#include <string.h>

#include "gr-config-keys.h"
#include "gr-error.h"

#define KEY_MAX 64

#define O GR_CONFIG_KEY_ORDINARY
#define C GR_CONFIG_KEY_COMMAND
#define R GR_CONFIG_KEY_READ_ONLY

static const struct {
  const char *name;
  GrConfigKeyClass class;
} keys[] = {
  { "access-mount", O },
  { "allow-network", O },
  { "change-detector", O },
  { "change-interval", O },
  { "changelog-archive-format", C }, /* part of an archive file name */
  { "changelog-batch-size", O },
  { "changelog-log-file", R },
  { "changelog-log-level", O },
  { "checkpoint", O },
  { "cli-log-file", R },
  { "cli-log-level", O },
  { "connection-timeout", O },
  { "georep-session-working-dir", R },
  { "gfid-conflict-resolution", O },
  { "gluster-cli-options", C },
  { "gluster-command", C },
  { "gluster-command-dir", C },
  { "gluster-log-file", R },
  { "gluster-log-level", O },
  { "gluster-logdir", C },
  { "gluster-params", C },
  { "gluster-rundir", C },
  { "glusterd-workdir", C },
  { "gsyncd-miscdir", C },
  { "ignore-deletes", O },
  { "isolated-secondarys", O }, /* sic */
  { "log-file", R },
  { "log-level", O },
  { "log-rsync-performance", O },
  { "max-rsync-retries", O },
  { "meta-volume-mnt", C },
  { "pid-file", R },
  { "primary-bricks", R },
  { "primary-disperse-count", R },
  { "primary-distribution-count", R },
  { "primary-replica-count", R },
  { "primary-volume-id", R },
  { "remote-gsyncd", C },
  { "replica-failover-interval", O },
  { "rsync-command", C },
  { "rsync-opt-existing", O },
  { "rsync-opt-ignore-missing-args", O },
  { "rsync-options", C },
  { "rsync-ssh-options", C },
  { "secondary-access-mount", O },
  { "secondary-bricks", R },
  { "secondary-gluster-command-dir", C },
  { "secondary-gluster-log-file", R },
  { "secondary-gluster-log-file-mbr", R },
  { "secondary-gluster-log-level", O },
  { "secondary-gluster-params", C },
  { "secondary-log-file", R },
  { "secondary-log-level", O },
  { "secondary-timeout", O },
  { "secondary-volume-id", R },
  { "special-sync-mode", O },
  { "ssh-command", C },
  { "ssh-options", C },
  { "ssh-options-tar", C },
  { "ssh-port", O },
  { "state-file", R },
  /* unused, kept by gsyncd for compatibility */
  { "state-socket-unencoded", R },
  /* names the xattrs written on the bricks */
  { "stime-xattr-prefix", C },
  { "sync-acls", O },
  { "sync-jobs", O },
  { "sync-method", O },
  { "sync-xattrs", O },
  { "tar-command", C },
  { "use-meta-volume", O },
  { "use-rsync-xattrs", O },
  { "working-dir", R },
};

#undef O
#undef C
#undef R

/* Words of a key renamed in Gluster 10, old first. */
static const char *const renamed[][2] = {
  { "master", "primary" },
  { "slave", "secondary" },
  { "slaves", "secondarys" },
};

static gboolean
is_key_syntax (const char *key)
{
  if (key == NULL || *key == '\0' || *key == '-' || strlen (key) > KEY_MAX)
    return FALSE;
  for (const char *p = key; *p; p++)
    if (!g_ascii_islower (*p) && !g_ascii_isdigit (*p) && *p != '-' &&
        *p != '_')
      return FALSE;
  return TRUE;
}

static const char *
rename_word (const char *word, guint from)
{
  for (gsize i = 0; i < G_N_ELEMENTS (renamed); i++)
    if (g_str_equal (word, renamed[i][from]))
      return renamed[i][!from];
  return word;
}

/* Rewrites every '-'-separated word named in column @from of renamed. */
static char *
rename_words (const char *key, guint from)
{
  g_auto (GStrv) words = g_strsplit (key, "-", -1);
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
  g_auto (GStrv) result = NULL;

  for (guint i = 0; words[i]; i++)
    g_strv_builder_add (builder, rename_word (words[i], from));
  result = g_strv_builder_end (builder);
  return g_strjoinv ("-", result);
}

static GrConfigKeyClass
lookup (const char *name)
{
  for (gsize i = 0; i < G_N_ELEMENTS (keys); i++)
    if (g_str_equal (keys[i].name, name))
      return keys[i].class;
  return GR_CONFIG_KEY_UNKNOWN;
}

GrConfigKeyClass
gr_config_key_classify (const char *key, char **canonical)
{
  g_autofree char *dashed = NULL;
  g_autofree char *name = NULL;
  GrConfigKeyClass class;

  if (canonical != NULL)
    *canonical = NULL;
  if (!is_key_syntax (key))
    return GR_CONFIG_KEY_UNKNOWN;
  dashed = g_strdelimit (g_strdup (key), "_", '-');
  name = rename_words (dashed, 0);
  class = lookup (name);
  if (class != GR_CONFIG_KEY_UNKNOWN && canonical != NULL)
    *canonical = g_steal_pointer (&name);
  return class;
}

gboolean
gr_config_key_validate (const char *key,
                        gboolean for_write,
                        char **canonical,
                        GError **error)
{
  g_autofree char *name = NULL;
  GrConfigKeyClass class;

  if (!is_key_syntax (key))
    {
      g_set_error (
          error, GR_ERROR, GR_ERROR_INVALID_ARGUMENT,
          "Invalid config key: only a-z, 0-9, '-' and '_' are allowed, "
          "not first '-', at most %d characters",
          KEY_MAX);
      return FALSE;
    }
  class = gr_config_key_classify (key, &name);
  if (class == GR_CONFIG_KEY_UNKNOWN)
    {
      g_set_error (error, GR_ERROR, GR_ERROR_INVALID_ARGUMENT,
                   "Unknown geo-replication config key '%s'", key);
      return FALSE;
    }
  if (for_write && class == GR_CONFIG_KEY_READ_ONLY)
    {
      g_set_error (error, GR_ERROR, GR_ERROR_INVALID_ARGUMENT,
                   "The geo-replication config key '%s' is read-only", name);
      return FALSE;
    }
  if (canonical != NULL)
    *canonical = g_steal_pointer (&name);
  return TRUE;
}

char *
gr_config_key_to_legacy (const char *canonical)
{
  return rename_words (canonical, 1);
}

static const char *
class_name (GrConfigKeyClass class)
{
  switch (class)
    {
      case GR_CONFIG_KEY_COMMAND:
        return "command";
      case GR_CONFIG_KEY_READ_ONLY:
        return "read-only";
      default:
        return "ordinary";
    }
}

GVariant *
gr_config_keys_to_variant (void)
{
  GVariantBuilder builder;

  g_variant_builder_init (&builder, G_VARIANT_TYPE ("a{ss}"));
  for (gsize i = 0; i < G_N_ELEMENTS (keys); i++)
    g_variant_builder_add (&builder, "{ss}", keys[i].name,
                           class_name (keys[i].class));
  return g_variant_builder_end (&builder);
}
