/* Unit tests: a session's identity (service/gr-session-id.c) and the
 * registry's objects and signals (service/gr-registry.c). */
#include "gr-config.h"
#include "gr-label.h"
#include "gr-registry.h"
#include "gr-session-object.h"
#include "gr-test-files.h"

static GrConfig *
test_config (void)
{
  GrConfig *config = gr_config_new_default ();

  g_free (config->glusterd_dir);
  config->glusterd_dir = g_strdup ("/srv/glusterd");
  g_free (config->gluster_run_dir);
  config->gluster_run_dir = g_strdup ("/run/gluster-test");
  return config;
}

static void
test_session_id (void)
{
  g_autoptr (GrConfig) config = test_config ();
  g_autoptr (GrSessionId) id =
      gr_session_id_new (config, "data", NULL, "backup.example.com", "copy");
  g_autoptr (GrSessionId) other = gr_session_id_new_with_user (id, "geoacct");
  g_autofree char *label =
      gr_session_label ("data", "backup.example.com", "copy");

  g_assert_cmpstr (id->user, ==, "root");
  g_assert_cmpstr (id->label, ==, label);
  g_assert_cmpstr (id->url, ==, "backup.example.com::copy");
  g_assert_cmpstr (
      id->dir, ==,
      "/srv/glusterd/geo-replication/data_backup.example.com_copy");
  g_assert_cmpstr (id->conf_path, ==,
                   "/srv/glusterd/geo-replication/"
                   "data_backup.example.com_copy/gsyncd.conf");
  g_assert_cmpstr (id->pid_file, ==,
                   "/run/gluster-test/gsyncd-data-backup.example.com-copy.pid");
  /* Another user is the same session, named otherwise to gluster. */
  g_assert_cmpstr (other->url, ==, "geoacct@backup.example.com::copy");
  g_assert_cmpstr (other->path, ==, id->path);
  g_assert_cmpstr (other->pid_file, ==, id->pid_file);
}

static void
make_session_dir (const char *root, const char *name)
{
  g_autofree char *dir = g_build_filename (root, "geo-replication", name, NULL);
  g_autofree char *conf = g_build_filename (dir, "gsyncd.conf", NULL);

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (conf, "[vars]\n", -1, NULL));
}

/* A directory left by a deleted volume is no session gluster knows:
 * with it alone, gluster's failing status means "no session". */
static void
test_session_dirs_of_volumes (void)
{
  g_autoptr (GrConfig) config = gr_config_new_default ();
  g_autoptr (GError) error = NULL;
  g_autofree char *root = g_dir_make_tmp ("georepd-dirs-XXXXXX", &error);
  const char *none[] = { NULL };
  const char *kept[] = { "data", "data2", NULL };
  const char *back[] = { "gone", NULL };

  g_assert_no_error (error);
  g_free (config->glusterd_dir);
  config->glusterd_dir = g_strdup (root);
  g_assert_false (gr_session_id_any_dir (config, kept));
  make_session_dir (root, "gone_backup_copy");
  g_assert_false (gr_session_id_any_dir (config, kept));
  g_assert_false (gr_session_id_any_dir (config, none));
  g_assert_true (gr_session_id_any_dir (config, back));
  make_session_dir (root, "data2_backup_copy");
  g_assert_true (gr_session_id_any_dir (config, kept));
  g_assert_false (
      gr_session_id_any_dir (config, (const char *[]){ "dat", NULL }));
  gr_test_remove_tree (root);
}

static void
count_signal (GrRegistry *registry, GrSessionObject *session, gpointer data)
{
  (*(guint *) data)++;
}

static void
test_registry_sessions (void)
{
  g_autoptr (GrConfig) config = test_config ();
  g_autoptr (GrRegistry) registry = gr_registry_new ();
  g_autoptr (GrContext) context = gr_context_new (config, NULL, NULL, registry);
  g_autoptr (GrSessionId) id =
      gr_session_id_new (config, "data", NULL, "backup", "copy");
  g_autoptr (GrSessionObject) session = gr_session_object_new (id, context);
  GDBusObjectManager *manager =
      G_DBUS_OBJECT_MANAGER (gr_registry_get_object_manager (registry));
  g_autoptr (GDBusObject) exported = NULL;
  guint added = 0, removed = 0;

  g_signal_connect (registry, "session-added", G_CALLBACK (count_signal),
                    &added);
  g_signal_connect (registry, "session-removed", G_CALLBACK (count_signal),
                    &removed);
  gr_registry_add_session (registry, id, session);
  g_assert_cmpuint (added, ==, 1);
  g_assert_true (gr_registry_lookup_session (registry, id->label) == session);
  exported = g_dbus_object_manager_get_object (manager, id->path);
  g_assert_nonnull (exported);
  g_assert_cmpstr (gr_session_get_primary_volume (GR_SESSION (session)), ==,
                   "data");
  gr_registry_remove_session (registry, id->label);
  g_assert_cmpuint (removed, ==, 1);
  g_assert_null (gr_registry_lookup_session (registry, id->label));
  g_assert_null (g_dbus_object_manager_get_object (manager, id->path));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/registry/session-id", test_session_id);
  g_test_add_func ("/registry/session-dirs-of-volumes",
                   test_session_dirs_of_volumes);
  g_test_add_func ("/registry/sessions", test_registry_sessions);
  return g_test_run ();
}
