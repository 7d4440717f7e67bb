/* Unit tests of the destination state store: what is saved comes back, the
 * file is private, and a corrupt file is kept aside instead of being lost
 * or blocking the service. */
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

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

/* Writes @contents as the store file and loads it, which must succeed
 * with a warning that the file is corrupt. */
static GPtrArray *
load_corrupt (Fixture *fx, const char *contents)
{
  g_autoptr (GError) error = NULL;
  GPtrArray *records;

  g_assert_cmpint (g_mkdir_with_parents (fx->state_dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (fx->path, contents, -1, NULL));
  g_test_expect_message ("georepd", G_LOG_LEVEL_WARNING, "*corrupt*");
  records = gr_store_load (fx->state_dir, &error);
  g_test_assert_expected_messages ();
  g_assert_no_error (error);
  g_assert_nonnull (records);
  return records;
}

/* Writes @contents as the store file, loads it and checks that the load
 * succeeds empty and the bytes are kept aside. */
static void
assert_set_aside (Fixture *fx, const char *contents, guint n_aside)
{
  g_autoptr (GPtrArray) records = NULL;
  g_autoptr (GPtrArray) aside = NULL;
  g_autofree char *kept = NULL;

  records = load_corrupt (fx, contents);
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
    /* A lone surrogate outside a string is still not JSON. */
    "{\"version\": 1, \"destinations\": [\\udc00]}",
  };

  /* Each load sets its file aside next to the earlier ones, also within
   * the same second. */
  for (gsize i = 0; i < G_N_ELEMENTS (files); i++)
    assert_set_aside (fx, files[i], i + 1);
}

#define DESTINATION(host, port, extra)                                         \
  "{\"host\": \"" host "\", \"port\": " port ", \"user\": \"root\", "          \
  "\"fingerprint\": \"" FINGERPRINT "\"" extra "}"
#define STORE(list) "{\"version\": 1, \"destinations\": [" list "]}"

/* Loads @contents as the store file: the valid destinations come back
 * (their hosts: @hosts), the others are reported, and the original bytes
 * are kept in a copy beside the file, which stays in place. */
static GPtrArray *
assert_loads (Fixture *fx, const char *contents, const char *const *hosts)
{
  g_autoptr (GPtrArray) records = NULL;
  g_autoptr (GPtrArray) aside = NULL;
  g_autofree char *kept = NULL;

  records = load_corrupt (fx, contents);
  g_assert_cmpuint (records->len, ==, g_strv_length ((char **) hosts));
  for (guint i = 0; i < records->len; i++)
    {
      GrDestinationRecord *record = g_ptr_array_index (records, i);

      g_assert_cmpstr (record->host, ==, hosts[i]);
    }
  g_assert_true (g_file_test (fx->path, G_FILE_TEST_EXISTS));
  aside = corrupt_files (fx);
  g_assert_cmpuint (aside->len, ==, 1);
  g_assert_true (
      g_file_get_contents (g_ptr_array_index (aside, 0), &kept, NULL, NULL));
  g_assert_cmpstr (kept, ==, contents);
  g_assert_cmpint (g_unlink (g_ptr_array_index (aside, 0)), ==, 0);
  return g_steal_pointer (&records);
}

/* One bad destination costs only itself. */
static void
test_bad_record_skipped (Fixture *fx, gconstpointer data)
{
  const char *const good[] = { "good", NULL };
  const char *const bad[] = {
    "42",
    DESTINATION ("-oProxyCommand=x", "22", ""),
    DESTINATION ("h", "70000", ""),
    DESTINATION ("h", "\"22\"", ""),
    DESTINATION ("h", "22",
                 ", \"installed-key\": \"command=\\\"sh\\\" " KEY_LINE "\""),
    DESTINATION ("good", "2222", ""), /* the same root@good again */
    DESTINATION ("h", "22", ", \"remote-volumes\": [\"../x\"]"),
  };

  for (gsize i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autofree char *contents = g_strdup_printf (
          STORE ("%s, %s"), DESTINATION ("good", "22", ""), bad[i]);

      g_autoptr (GPtrArray) records = NULL;

      g_test_expect_message ("georepd", G_LOG_LEVEL_WARNING, "*skipped*");
      records = assert_loads (fx, contents, good);
    }
}

/* What a hostile SSH server once put into last-test-message (invalid
 * UTF-8, a lone surrogate escape, a control character) is cleaned on
 * load, and the destination with its key is kept. */
static void
test_unclean_text_loaded_clean (Fixture *fx, gconstpointer data)
{
  const char *const hosts[] = { "a", "b", NULL };
  const char *contents = STORE (DESTINATION (
      "a", "22",
      ", \"last-test-message\": \"bad \xff\\n\"") ", " DESTINATION ("b", "22",
                                                                    ", "
                                                                    "\"installe"
                                                                    "d-key\": "
                                                                    "\"" KEY_LINE
                                                                    "\", "
                                                                    "\"last-"
                                                                    "test-"
                                                                    "message\":"
                                                                    " \"x\\udc0"
                                                                    "0y\""));
  g_autoptr (GPtrArray) records = NULL;
  GrDestinationRecord *record;

  records = assert_loads (fx, contents, hosts);
  record = g_ptr_array_index (records, 0);
  g_assert_cmpstr (record->last_test_message, ==, "bad \xef\xbf\xbd ");
  record = g_ptr_array_index (records, 1);
  g_assert_cmpstr (record->last_test_message, ==, "x\xef\xbf\xbdy");
  g_assert_cmpstr (record->installed_key, ==, KEY_LINE);
}

/* The store never writes what it could not read back. */
static void
test_save_refuses_invalid (Fixture *fx, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) records = record_array ();
  g_autoptr (GPtrArray) loaded = NULL;
  GrDestinationRecord *bad;

  g_ptr_array_add (records, full_record ());
  g_assert_true (gr_store_save (fx->state_dir, records, &error));
  bad = minimal_record ();
  bad->last_test_message = g_strdup ("Protocol mismatch: \xff\xfe");
  g_ptr_array_add (records, bad);
  g_assert_false (gr_store_save (fx->state_dir, records, &error));
  g_assert_error (error, GR_ERROR, GR_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  g_free (bad->last_test_message);
  bad->last_test_message = g_strnfill (4096, 'x');
  g_assert_false (gr_store_save (fx->state_dir, records, &error));
  g_assert_error (error, GR_ERROR, GR_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);

  /* The file on disk is still the one with the first destination. */
  loaded = gr_store_load (fx->state_dir, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (loaded->len, ==, 1);
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

/* A process saving in a loop, killed at a random moment, 1000 times:
 * the next load finds the old or the new file, never a corrupt or empty
 * one (g_file_set_contents_full writes a temporary and renames it), and
 * whatever temporary the kill left is cleaned up. */
static void
save_forever (const char *state_dir, GPtrArray *a, GPtrArray *b)
{
  for (guint i = 0;; i++)
    if (!gr_store_save (state_dir, i % 2 ? a : b, NULL))
      _exit (1);
}

static void
assert_is_a_or_b (GPtrArray *loaded, GPtrArray *a, GPtrArray *b)
{
  GPtrArray *expected = loaded->len == a->len ? a : b;

  g_assert_cmpuint (loaded->len, ==, expected->len);
  for (guint i = 0; i < loaded->len; i++)
    assert_records_equal (g_ptr_array_index (loaded, i),
                          g_ptr_array_index (expected, i));
}

/* The number of files in the state directory. */
static guint
count_files (Fixture *fx)
{
  g_autoptr (GDir) dir = g_dir_open (fx->state_dir, 0, NULL);
  guint n = 0;

  while (dir && g_dir_read_name (dir) != NULL)
    n++;
  return n;
}

static void
drop_message (const char *domain,
              GLogLevelFlags level,
              const char *message,
              gpointer data)
{
}

static void
test_killed_while_saving (Fixture *fx, gconstpointer data)
{
  guint interrupted = 0;
  /* Hundreds of "Removing …, left by an interrupted write". */
  guint handler =
      g_log_set_handler ("georepd", G_LOG_LEVEL_DEBUG, drop_message, NULL);

  g_autoptr (GPtrArray) a = record_array ();
  g_autoptr (GPtrArray) b = record_array ();
  g_autoptr (GError) error = NULL;

  g_ptr_array_add (a, full_record ());
  g_ptr_array_add (b, minimal_record ());
  g_ptr_array_add (b, full_record ());
  g_assert_true (gr_store_save (fx->state_dir, a, &error));
  for (guint round = 0; round < 1000; round++)
    {
      g_autoptr (GPtrArray) loaded = NULL;
      g_autoptr (GPtrArray) aside = NULL;
      pid_t pid = fork ();
      int status;

      g_assert_cmpint (pid, >=, 0);
      if (pid == 0)
        save_forever (fx->state_dir, a, b);
      g_usleep (g_random_int_range (0, 3000));
      g_assert_cmpint (kill (pid, SIGKILL), ==, 0);
      g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
      g_assert_true (WIFSIGNALED (status));
      /* A temporary left behind: killed in the middle of a write. */
      interrupted += count_files (fx) > 1;
      loaded = gr_store_load (fx->state_dir, &error);
      g_assert_no_error (error);
      assert_is_a_or_b (loaded, a, b);
      aside = corrupt_files (fx);
      g_assert_cmpuint (aside->len, ==, 0);
      g_assert_cmpuint (count_files (fx), ==, 1);
    }
  g_log_remove_handler ("georepd", handler);
  g_test_message ("%u of 1000 kills interrupted a write", interrupted);
  /* Else the loop did not test what it claims. */
  g_assert_cmpuint (interrupted, >, 0);
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
  ADD ("/store/bad-record-skipped", test_bad_record_skipped);
  ADD ("/store/unclean-text-loaded-clean", test_unclean_text_loaded_clean);
  ADD ("/store/save-refuses-invalid", test_save_refuses_invalid);
  ADD ("/store/defaults", test_defaults);
  g_test_add_func ("/store/record-copy", test_record_copy);
  ADD ("/store/killed-while-saving", test_killed_while_saving);
  return g_test_run ();
}
