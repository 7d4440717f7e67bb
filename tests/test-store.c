/* Unit tests of the destination state store: what is saved comes back, the
 * file is private, and a corrupt file is kept aside instead of being lost
 * or blocking the service. */
#include <sys/stat.h>

#include <glib/gstdio.h>

#include "gr-error.h"
#include "gr-store.h"

#define FINGERPRINT "SHA256:NJlmvnW+SMCrhra48c0DUy+2y6nHusAalxqZWhvfX/o"
#define KEY_LINE                                                               \
  "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIM4C73f0upf9cwwCEtksdi1Qpy1KqpNobRxg8"  \
  "42dZtDD root@node1"

typedef struct {
  char *tmp;
  char *state_dir; /* not created: the store creates it */
  char *path;
} Fixture;

static void
fixture_setup (Fixture *fx, gconstpointer data)
{
  g_autoptr (GError) error = NULL;

  fx->tmp = g_dir_make_tmp ("georepd-store-XXXXXX", &error);
  g_assert_no_error (error);
  fx->state_dir = g_build_filename (fx->tmp, "state", NULL);
  fx->path = g_build_filename (fx->state_dir, GR_STORE_FILE, NULL);
}

static void
remove_tree (const char *path)
{
  g_autoptr (GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir && (name = g_dir_read_name (dir)))
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

static void
fixture_teardown (Fixture *fx, gconstpointer data)
{
  remove_tree (fx->tmp);
  g_free (fx->tmp);
  g_free (fx->state_dir);
  g_free (fx->path);
}

static GrDestinationRecord *
full_record (void)
{
  GrDestinationRecord *record = gr_destination_record_new ();
  const char *const volumes[] = { "svol", "backup-2", NULL };

  record->host = g_strdup ("node2.example.com");
  record->port = 2222;
  record->user = g_strdup ("geoaccount");
  record->fingerprint = g_strdup (FINGERPRINT);
  record->key_type = g_strdup ("ssh-ed25519");
  record->installed_key = g_strdup (KEY_LINE);
  g_free (record->passwordless);
  record->passwordless = g_strdup ("ok");
  record->last_test_time = G_GUINT64_CONSTANT (1718000000123456);
  record->last_test_message = g_strdup ("Key login \"works\", ünïcode");
  record->remote_gluster_version = g_strdup ("10.3");
  g_strfreev (record->remote_volumes);
  record->remote_volumes = g_strdupv ((char **) volumes);
  return record;
}

static GrDestinationRecord *
minimal_record (void)
{
  GrDestinationRecord *record = gr_destination_record_new ();

  record->host = g_strdup ("192.0.2.7");
  record->user = g_strdup ("root");
  record->fingerprint = g_strdup (FINGERPRINT);
  return record;
}

static GPtrArray *
record_array (void)
{
  return g_ptr_array_new_with_free_func (
      (GDestroyNotify) gr_destination_record_free);
}

static void
assert_records_equal (const GrDestinationRecord *a,
                      const GrDestinationRecord *b)
{
  g_assert_cmpstr (a->host, ==, b->host);
  g_assert_cmpuint (a->port, ==, b->port);
  g_assert_cmpstr (a->user, ==, b->user);
  g_assert_cmpstr (a->fingerprint, ==, b->fingerprint);
  g_assert_cmpstr (a->key_type, ==, b->key_type);
  g_assert_cmpstr (a->installed_key, ==, b->installed_key);
  g_assert_cmpstr (a->passwordless, ==, b->passwordless);
  g_assert_cmpuint (a->last_test_time, ==, b->last_test_time);
  g_assert_cmpstr (a->last_test_message, ==, b->last_test_message);
  g_assert_cmpstr (a->remote_gluster_version, ==, b->remote_gluster_version);
  g_assert_nonnull (a->remote_volumes);
  g_assert_nonnull (b->remote_volumes);
  g_assert_true (g_strv_equal ((const char *const *) a->remote_volumes,
                               (const char *const *) b->remote_volumes));
}

static guint
file_mode (const char *path)
{
  GStatBuf st;

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  return st.st_mode & 07777;
}

static void
test_missing_file (Fixture *fx, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) records = gr_store_load (fx->state_dir, &error);

  g_assert_no_error (error);
  g_assert_nonnull (records);
  g_assert_cmpuint (records->len, ==, 0);
  /* Loading alone creates nothing. */
  g_assert_false (g_file_test (fx->state_dir, G_FILE_TEST_EXISTS));
}

static void
test_round_trip (Fixture *fx, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) saved = record_array ();
  g_autoptr (GPtrArray) loaded = NULL;

  g_ptr_array_add (saved, full_record ());
  g_ptr_array_add (saved, minimal_record ());
  g_assert_true (gr_store_save (fx->state_dir, saved, &error));
  g_assert_no_error (error);

  loaded = gr_store_load (fx->state_dir, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (loaded->len, ==, 2);
  for (guint i = 0; i < 2; i++)
    assert_records_equal (g_ptr_array_index (loaded, i),
                          g_ptr_array_index (saved, i));
}

static void
test_modes (Fixture *fx, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) records = record_array ();

  g_ptr_array_add (records, full_record ());
  g_assert_true (gr_store_save (fx->state_dir, records, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (file_mode (fx->state_dir), ==, 0700);
  g_assert_cmpuint (file_mode (fx->path), ==, 0600);

  /* A replacement keeps the private mode even if the file was opened up. */
  g_assert_cmpint (g_chmod (fx->path, 0644), ==, 0);
  g_assert_true (gr_store_save (fx->state_dir, records, &error));
  g_assert_cmpuint (file_mode (fx->path), ==, 0600);
}

static void
test_save_replaces (Fixture *fx, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) records = record_array ();
  g_autoptr (GPtrArray) loaded = NULL;

  g_ptr_array_add (records, full_record ());
  g_ptr_array_add (records, minimal_record ());
  g_assert_true (gr_store_save (fx->state_dir, records, &error));
  g_ptr_array_remove_index (records, 0);
  g_assert_true (gr_store_save (fx->state_dir, records, &error));
  g_assert_no_error (error);

  loaded = gr_store_load (fx->state_dir, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (loaded->len, ==, 1);
  assert_records_equal (g_ptr_array_index (loaded, 0),
                        g_ptr_array_index (records, 0));
}

/* The names of the files set aside in the state directory. */
static GPtrArray *
corrupt_files (Fixture *fx)
{
  g_autoptr (GDir) dir = g_dir_open (fx->state_dir, 0, NULL);
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  while (dir && (name = g_dir_read_name (dir)))
    if (g_str_has_prefix (name, GR_STORE_FILE ".corrupt-"))
      g_ptr_array_add (names, g_build_filename (fx->state_dir, name, NULL));
  return names;
}

/* Writes @contents as the store file, loads it and checks that the load
 * succeeds empty and the bytes are kept aside. */
static void
assert_set_aside (Fixture *fx, const char *contents, guint n_aside)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) records = NULL;
  g_autoptr (GPtrArray) aside = NULL;
  g_autofree char *kept = NULL;

  g_assert_cmpint (g_mkdir_with_parents (fx->state_dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (fx->path, contents, -1, NULL));
  g_test_expect_message ("georepd", G_LOG_LEVEL_WARNING, "*corrupt*");
  records = gr_store_load (fx->state_dir, &error);
  g_test_assert_expected_messages ();
  g_assert_no_error (error);
  g_assert_nonnull (records);
  g_assert_cmpuint (records->len, ==, 0);
  g_assert_false (g_file_test (fx->path, G_FILE_TEST_EXISTS));

  aside = corrupt_files (fx);
  g_assert_cmpuint (aside->len, ==, n_aside);
  for (guint i = 0; i < aside->len && kept == NULL; i++)
    {
      g_autofree char *text = NULL;

      g_assert_true (g_file_get_contents (g_ptr_array_index (aside, i), &text,
                                          NULL, NULL));
      if (g_str_equal (text, contents))
        kept = g_steal_pointer (&text);
    }
  g_assert_nonnull (kept);
}

static void
test_corrupt_json (Fixture *fx, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) records = record_array ();

  assert_set_aside (fx, "{\"version\": 1, \"destinations\": [", 1);

  /* The service goes on: the next save writes a fresh file. */
  g_ptr_array_add (records, minimal_record ());
  g_assert_true (gr_store_save (fx->state_dir, records, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (fx->path, G_FILE_TEST_EXISTS));
}

static void
test_corrupt_structure (Fixture *fx, gconstpointer data)
{
  const char *const files[] = {
    "",
    " \n",
    "[]",
    "{\"version\": 1}",
    "{\"version\": 2, \"destinations\": []}",
    "{\"version\": 1, \"destinations\": [42]}",
    "{\"version\": 1, \"destinations\": [{\"host\": \"-oProxyCommand=x\", "
    "\"port\": 22, \"user\": \"root\", \"fingerprint\": \"" FINGERPRINT "\"}]}",
    "{\"version\": 1, \"destinations\": [{\"host\": \"h\", \"port\": 70000, "
    "\"user\": \"root\", \"fingerprint\": \"" FINGERPRINT "\"}]}",
    "{\"version\": 1, \"destinations\": [{\"host\": \"h\", \"port\": \"22\", "
    "\"user\": \"root\", \"fingerprint\": \"" FINGERPRINT "\"}]}",
    "{\"version\": 1, \"destinations\": [{\"host\": \"h\", \"port\": 22, "
    "\"user\": \"root\", \"fingerprint\": \"" FINGERPRINT "\", "
    "\"installed-key\": \"command=\\\"sh\\\" " KEY_LINE "\"}]}",
    "{\"version\": 1, \"destinations\": [{\"host\": \"h\", \"port\": 22, "
    "\"user\": \"root\", \"fingerprint\": \"" FINGERPRINT "\"}, "
    "{\"host\": \"h\", \"port\": 2222, \"user\": \"root\", "
    "\"fingerprint\": \"" FINGERPRINT "\"}]}",
  };

  /* Each load sets its file aside next to the earlier ones, also within
   * the same second. */
  for (gsize i = 0; i < G_N_ELEMENTS (files); i++)
    assert_set_aside (fx, files[i], i + 1);
}

static void
test_defaults (Fixture *fx, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) records = NULL;
  GrDestinationRecord *record;

  g_assert_cmpint (g_mkdir_with_parents (fx->state_dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (
      fx->path,
      "{\"version\": 1, \"destinations\": [{\"host\": \"h\", \"port\": 22, "
      "\"user\": \"root\", \"fingerprint\": \"" FINGERPRINT "\"}]}",
      -1, NULL));
  records = gr_store_load (fx->state_dir, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (records->len, ==, 1);
  record = g_ptr_array_index (records, 0);
  g_assert_cmpstr (record->passwordless, ==, "unknown");
  g_assert_null (record->installed_key);
  g_assert_cmpuint (record->last_test_time, ==, 0);
  g_assert_nonnull (record->remote_volumes);
  g_assert_cmpuint (g_strv_length (record->remote_volumes), ==, 0);
}

static void
test_record_copy (void)
{
  g_autoptr (GrDestinationRecord) record = full_record ();
  g_autoptr (GrDestinationRecord) copy = gr_destination_record_copy (record);

  assert_records_equal (copy, record);
  g_assert_true (copy->remote_volumes != record->remote_volumes);
}

#define ADD(name, func)                                                        \
  g_test_add (name, Fixture, NULL, fixture_setup, func, fixture_teardown)

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  ADD ("/store/missing-file", test_missing_file);
  ADD ("/store/round-trip", test_round_trip);
  ADD ("/store/modes", test_modes);
  ADD ("/store/save-replaces", test_save_replaces);
  ADD ("/store/corrupt-json", test_corrupt_json);
  ADD ("/store/corrupt-structure", test_corrupt_structure);
  ADD ("/store/defaults", test_defaults);
  g_test_add_func ("/store/record-copy", test_record_copy);
  return g_test_run ();
}
