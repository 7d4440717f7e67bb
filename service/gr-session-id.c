/* georepd: a session's identity and the names derived from it. */
#include <glib/gstdio.h>
#include <string.h>

#include "gr-label.h"
#include "gr-session-id.h"

static void
clear (GrSessionId *id)
{
  g_free (id->primary);
  g_free (id->user);
  g_free (id->host);
  g_free (id->secondary);
  g_free (id->label);
  g_free (id->path);
  g_free (id->url);
  g_free (id->dir);
  g_free (id->conf_path);
  g_free (id->pid_file);
}

static char *
secondary_url (const char *user, const char *host, const char *secondary)
{
  if (g_str_equal (user, "root"))
    return g_strdup_printf ("%s::%s", host, secondary);
  return g_strdup_printf ("%s@%s::%s", user, host, secondary);
}

GrSessionId *
gr_session_id_new (const GrConfig *config,
                   const char *primary,
                   const char *user,
                   const char *host,
                   const char *secondary)
{
  GrSessionId *id = g_rc_box_new0 (GrSessionId);
  g_autofree char *name =
      g_strdup_printf ("%s_%s_%s", primary, host, secondary);
  g_autofree char *pid_name =
      g_strdup_printf ("gsyncd-%s-%s-%s.pid", primary, host, secondary);

  id->primary = g_strdup (primary);
  id->user = g_strdup (user && *user ? user : "root");
  id->host = g_strdup (host);
  id->secondary = g_strdup (secondary);
  id->label = gr_session_label (primary, host, secondary);
  id->path = gr_session_path (primary, host, secondary);
  id->url = secondary_url (id->user, host, secondary);
  /* The directory and pid file names are gluster's own
   * (docs/architecture.md, "A status change"). */
  id->dir =
      g_build_filename (config->glusterd_dir, "geo-replication", name, NULL);
  id->conf_path = g_build_filename (id->dir, "gsyncd.conf", NULL);
  id->pid_file = g_build_filename (config->gluster_run_dir, pid_name, NULL);
  return id;
}

GrSessionId *
gr_session_id_new_with_user (const GrSessionId *id, const char *user)
{
  GrSessionId *copy = g_rc_box_new0 (GrSessionId);

  copy->primary = g_strdup (id->primary);
  copy->user = g_strdup (user && *user ? user : "root");
  copy->host = g_strdup (id->host);
  copy->secondary = g_strdup (id->secondary);
  copy->label = g_strdup (id->label);
  copy->path = g_strdup (id->path);
  copy->url = secondary_url (copy->user, id->host, id->secondary);
  copy->dir = g_strdup (id->dir);
  copy->conf_path = g_strdup (id->conf_path);
  copy->pid_file = g_strdup (id->pid_file);
  return copy;
}

GrSessionId *
gr_session_id_ref (GrSessionId *id)
{
  return g_rc_box_acquire (id);
}

void
gr_session_id_unref (GrSessionId *id)
{
  g_rc_box_release_full (id, (GDestroyNotify) clear);
}

gboolean
gr_session_id_dir_exists (const GrSessionId *id)
{
  return g_file_test (id->dir, G_FILE_TEST_IS_DIR);
}

gint64
gr_session_id_conf_mtime (const GrSessionId *id)
{
  GStatBuf st;

  if (g_stat (id->conf_path, &st) != 0)
    return 0;
  return (gint64) st.st_mtim.tv_sec * G_USEC_PER_SEC +
         st.st_mtim.tv_nsec / 1000;
}

static gboolean
is_dir_of_volume (const char *name, const char *const *volumes)
{
  for (gsize i = 0; volumes != NULL && volumes[i] != NULL; i++)
    {
      gsize length = strlen (volumes[i]);

      if (strncmp (name, volumes[i], length) == 0 && name[length] == '_')
        return TRUE;
    }
  return FALSE;
}

gboolean
gr_session_id_any_dir (const GrConfig *config, const char *const *volumes)
{
  g_autofree char *root =
      g_build_filename (config->glusterd_dir, "geo-replication", NULL);
  g_autoptr (GDir) dir = g_dir_open (root, 0, NULL);
  const char *name;

  while (dir && (name = g_dir_read_name (dir)))
    {
      g_autofree char *conf =
          g_build_filename (root, name, "gsyncd.conf", NULL);

      if (is_dir_of_volume (name, volumes) &&
          g_file_test (conf, G_FILE_TEST_EXISTS))
        return TRUE;
    }
  return FALSE;
}
