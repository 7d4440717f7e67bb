/* georepd: model bookkeeping: which objects exist and what they hold. */
#include <glib/gstdio.h>

#include "gr-label.h"
#include "gr-log.h"
#include "gr-model.h"

GrSessionObject *
gr_model_lookup_session (GrDaemon *daemon,
                         const char *primary,
                         const char *host,
                         const char *secondary)
{
  g_autofree char *label = gr_session_label (primary, host, secondary);

  return g_hash_table_lookup (daemon->sessions, label);
}

GrSessionObject *
gr_model_ensure_session (GrDaemon *daemon,
                         const char *primary,
                         const char *host,
                         const char *secondary)
{
  GrSessionObject *session =
      gr_model_lookup_session (daemon, primary, host, secondary);

  if (session != NULL)
    return session;
  session = gr_session_object_new (daemon, primary, host, secondary);
  g_hash_table_insert (daemon->sessions, session->label, session);
  g_dbus_object_manager_server_export (
      daemon->object_manager, G_DBUS_OBJECT_SKELETON (session->object));
  g_debug ("Session %s::%s::%s appeared", primary, host, secondary);
  return session;
}

void
gr_model_remove_session (GrDaemon *daemon, GrSessionObject *session)
{
  g_debug ("Session %s::%s::%s vanished", session->primary, session->host,
           session->secondary);
  g_dbus_object_manager_server_unexport (daemon->object_manager, session->path);
  /* The table owns the session: removing it frees it. */
  g_hash_table_remove (daemon->sessions, session->label);
}

void
gr_model_set_volumes (GrDaemon *daemon, GPtrArray *volumes)
{
  g_autoptr (GStrvBuilder) names = g_strv_builder_new ();
  g_auto (GStrv) list = NULL;

  g_hash_table_remove_all (daemon->volumes);
  for (guint i = 0; i < volumes->len; i++)
    {
      GrVolumeInfo *volume = volumes->pdata[i];

      g_strv_builder_add (names, volume->name);
      g_hash_table_insert (daemon->volumes, volume->name, volume);
    }
  /* The table now owns the volumes. */
  g_ptr_array_set_free_func (volumes, NULL);
  list = g_strv_builder_end (names);
  gr_manager_set_volumes (daemon->manager, (const char *const *) list);
}

const GrVolumeInfo *
gr_model_lookup_volume (GrDaemon *daemon, const char *name)
{
  return g_hash_table_lookup (daemon->volumes, name);
}

GrSessionObject *
gr_model_apply_session (GrDaemon *daemon,
                        GrSessionStatus *status,
                        GVariant *config,
                        GVariant *set_config)
{
  GrSessionObject *session = gr_model_ensure_session (
      daemon, status->primary_volume, status->secondary_host,
      status->secondary_volume);
  g_autofree char *before = g_strdup (gr_session_get_status (session->iface));
  const char *after;

  gr_session_object_apply_status (
      session, status, gr_model_lookup_volume (daemon, session->primary));
  after = gr_session_get_status (session->iface);
  if (g_str_equal (after, "faulty") && !g_str_equal (before, "faulty"))
    gr_log_event (GR_MESSAGE_SESSION_FAULTY, GR_LOG_FIELD_SESSION,
                  session->label, "Session %s::%s::%s is faulty",
                  session->primary, session->host, session->secondary);
  if (config != NULL)
    gr_session_object_apply_config (session, config, set_config);
  session->seen = TRUE;
  return session;
}

static char *
session_dir (GrDaemon *daemon,
             const char *primary,
             const char *host,
             const char *secondary)
{
  g_autofree char *name =
      g_strdup_printf ("%s_%s_%s", primary, host, secondary);

  return g_build_filename (daemon->config->glusterd_dir, "geo-replication",
                           name, NULL);
}

gboolean
gr_model_session_dir_exists (GrDaemon *daemon,
                             const char *primary,
                             const char *host,
                             const char *secondary)
{
  g_autofree char *dir = session_dir (daemon, primary, host, secondary);

  return g_file_test (dir, G_FILE_TEST_IS_DIR);
}

char *
gr_model_session_config_path (GrDaemon *daemon,
                              const char *primary,
                              const char *host,
                              const char *secondary)
{
  g_autofree char *dir = session_dir (daemon, primary, host, secondary);

  return g_build_filename (dir, "gsyncd.conf", NULL);
}

gint64
gr_model_session_config_mtime (GrDaemon *daemon,
                               const char *primary,
                               const char *host,
                               const char *secondary)
{
  g_autofree char *path =
      gr_model_session_config_path (daemon, primary, host, secondary);
  GStatBuf st;

  if (g_stat (path, &st) != 0)
    return 0;
  return (gint64) st.st_mtim.tv_sec * G_USEC_PER_SEC +
         st.st_mtim.tv_nsec / 1000;
}

char *
gr_model_session_pid_file (const char *primary,
                           const char *host,
                           const char *secondary)
{
  return g_strdup_printf ("/var/run/gluster/gsyncd-%s-%s-%s.pid", primary, host,
                          secondary);
}

gboolean
gr_model_any_session_dir (GrDaemon *daemon)
{
  g_autofree char *root =
      g_build_filename (daemon->config->glusterd_dir, "geo-replication", NULL);
  g_autoptr (GDir) dir = g_dir_open (root, 0, NULL);
  const char *name;

  while (dir && (name = g_dir_read_name (dir)))
    {
      g_autofree char *conf =
          g_build_filename (root, name, "gsyncd.conf", NULL);

      if (g_file_test (conf, G_FILE_TEST_EXISTS))
        return TRUE;
    }
  return FALSE;
}
