/* georepd: the destination state store.
 *
 * The file is the service's own, but it is read back as untrusted input:
 * every field is type-checked and validated like a caller's, because a
 * record that would be refused over D-Bus must not come in through the
 * disk either. */
#include <errno.h>
#include <string.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "gr-error.h"
#include "gr-ssh.h"
#include "gr-store.h"
#include "gr-text.h"
#include "gr-validate.h"

#define STORE_VERSION 1

GrDestinationRecord *
gr_destination_record_new (void)
{
  GrDestinationRecord *record = g_new0 (GrDestinationRecord, 1);

  record->port = GR_SSH_DEFAULT_PORT;
  record->passwordless = g_strdup ("unknown");
  record->remote_volumes = g_new0 (char *, 1);
  return record;
}

GrDestinationRecord *
gr_destination_record_copy (const GrDestinationRecord *record)
{
  GrDestinationRecord *copy = g_new0 (GrDestinationRecord, 1);

  copy->host = g_strdup (record->host);
  copy->port = record->port;
  copy->user = g_strdup (record->user);
  copy->fingerprint = g_strdup (record->fingerprint);
  copy->key_type = g_strdup (record->key_type);
  copy->installed_key = g_strdup (record->installed_key);
  copy->passwordless = g_strdup (record->passwordless);
  copy->last_test_time = record->last_test_time;
  copy->last_test_message = g_strdup (record->last_test_message);
  copy->remote_gluster_version = g_strdup (record->remote_gluster_version);
  copy->remote_rsync_version = g_strdup (record->remote_rsync_version);
  copy->remote_volumes = record->remote_volumes
                             ? g_strdupv (record->remote_volumes)
                             : g_new0 (char *, 1);
  return copy;
}

void
gr_destination_record_free (GrDestinationRecord *record)
{
  g_free (record->host);
  g_free (record->user);
  g_free (record->fingerprint);
  g_free (record->key_type);
  g_free (record->installed_key);
  g_free (record->passwordless);
  g_free (record->last_test_message);
  g_free (record->remote_gluster_version);
  g_free (record->remote_rsync_version);
  g_strfreev (record->remote_volumes);
  g_free (record);
}

/* Reading. Each getter returns FALSE when the member has the wrong type;
 * a missing or null member leaves the default of a new record. */

static gboolean
get_string (JsonObject *object, const char *name, char **value)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return FALSE;
  g_free (*value);
  *value = g_strdup (json_node_get_string (node));
  return TRUE;
}

static gboolean
get_uint (JsonObject *object, const char *name, guint64 max, guint64 *value)
{
  JsonNode *node = json_object_get_member (object, name);
  gint64 number;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_INT64)
    return FALSE;
  number = json_node_get_int (node);
  if (number < 0 || (guint64) number > max)
    return FALSE;
  *value = (guint64) number;
  return TRUE;
}

static gboolean
get_volumes (JsonObject *object, const char *name, char ***value)
{
  JsonNode *node = json_object_get_member (object, name);
  g_autoptr (GPtrArray) names =
      g_ptr_array_new_null_terminated (0, g_free, TRUE);
  JsonArray *array;

  if (node != NULL && !JSON_NODE_HOLDS_NULL (node))
    {
      if (!JSON_NODE_HOLDS_ARRAY (node))
        return FALSE;
      array = json_node_get_array (node);
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *element = json_array_get_element (array, i);
          const char *volume = JSON_NODE_HOLDS_VALUE (element)
                                   ? json_node_get_string (element)
                                   : NULL;

          if (!gr_validate_volume (volume, NULL))
            return FALSE;
          g_ptr_array_add (names, g_strdup (volume));
        }
    }
  g_strfreev (*value);
  *value = (char **) g_ptr_array_free (g_steal_pointer (&names), FALSE);
  return TRUE;
}

static gboolean
read_members (JsonObject *object, GrDestinationRecord *record)
{
  guint64 port = record->port;

  if (!get_uint (object, "port", G_MAXUINT16, &port) || port == 0)
    return FALSE;
  record->port = (guint16) port;
  return get_string (object, "host", &record->host) &&
         get_string (object, "user", &record->user) &&
         get_string (object, "fingerprint", &record->fingerprint) &&
         get_string (object, "key-type", &record->key_type) &&
         get_string (object, "installed-key", &record->installed_key) &&
         get_string (object, "passwordless", &record->passwordless) &&
         get_uint (object, "last-test-time", G_MAXINT64,
                   &record->last_test_time) &&
         get_string (object, "last-test-message", &record->last_test_message) &&
         get_string (object, "remote-gluster-version",
                     &record->remote_gluster_version) &&
         get_string (object, "remote-rsync-version",
                     &record->remote_rsync_version) &&
         get_volumes (object, "remote-volumes", &record->remote_volumes);
}

static gboolean
is_passwordless_state (const char *state)
{
  static const char *const states[] = { "unknown", "ok", "failed", NULL };

  return state != NULL && g_strv_contains (states, state);
}

static gboolean
volumes_are_valid (char **volumes)
{
  for (char **v = volumes; v && *v; v++)
    if (!gr_validate_volume (*v, NULL))
      return FALSE;
  return TRUE;
}

/* What came from a destination (its messages, its key type) must be
 * clean text (gr-text.h): the same test on load and on save. */
static gboolean
record_is_valid (const GrDestinationRecord *record)
{
  return gr_validate_host (record->host, NULL) &&
         gr_validate_user (record->user, NULL) &&
         gr_validate_fingerprint (record->fingerprint, NULL) &&
         is_passwordless_state (record->passwordless) &&
         (record->installed_key == NULL ||
          gr_ssh_validate_key_line (record->installed_key, NULL)) &&
         (record->key_type == NULL ||
          gr_text_is_clean (record->key_type, GR_TEXT_MESSAGE_MAX)) &&
         (record->last_test_message == NULL ||
          gr_text_is_clean (record->last_test_message, GR_TEXT_MESSAGE_MAX)) &&
         (record->remote_gluster_version == NULL ||
          gr_text_is_clean (record->remote_gluster_version,
                            GR_TEXT_MESSAGE_MAX)) &&
         volumes_are_valid (record->remote_volumes);
}

/* Text an earlier version may have saved unclean is cleaned rather than
 * the destination lost. */
static void
clean_text (char **text)
{
  char *clean = gr_text_clean (*text, GR_TEXT_MESSAGE_MAX);

  g_free (*text);
  *text = clean;
}

static GrDestinationRecord *
record_from_json (JsonNode *node)
{
  g_autoptr (GrDestinationRecord) record = gr_destination_record_new ();

  if (!JSON_NODE_HOLDS_OBJECT (node) ||
      !read_members (json_node_get_object (node), record))
    return NULL;
  clean_text (&record->key_type);
  clean_text (&record->last_test_message);
  clean_text (&record->remote_gluster_version);
  clean_text (&record->remote_rsync_version);
  if (!record_is_valid (record))
    return NULL;
  return g_steal_pointer (&record);
}

/* The records of a parsed file, NULL with *@why when it is not a store
 * file at all. An invalid or repeated destination is skipped, reported and
 * counted in *@skipped: one bad record must not cost all the others. */
static GPtrArray *
records_from_json (JsonNode *root,
                   const char *path,
                   guint *skipped,
                   const char **why)
{
  g_autoptr (GPtrArray) records = g_ptr_array_new_with_free_func (
      (GDestroyNotify) gr_destination_record_free);
  g_autoptr (GHashTable) seen =
      g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  JsonObject *object = root != NULL && JSON_NODE_HOLDS_OBJECT (root)
                           ? json_node_get_object (root)
                           : NULL;
  JsonNode *list =
      object ? json_object_get_member (object, "destinations") : NULL;
  JsonArray *array =
      list && JSON_NODE_HOLDS_ARRAY (list) ? json_node_get_array (list) : NULL;
  guint64 version = 0;

  if (array == NULL || !get_uint (object, "version", G_MAXINT, &version) ||
      version != STORE_VERSION)
    {
      *why = "not a georepd destinations file of version 1";
      return NULL;
    }
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autoptr (GrDestinationRecord) record =
          record_from_json (json_array_get_element (array, i));

      if (record == NULL ||
          !g_hash_table_add (
              seen, g_strconcat (record->user, "@", record->host, NULL)))
        {
          g_warning ("%s: destination %u is %s; skipped it", path, i + 1,
                     record ? "a repetition" : "invalid");
          (*skipped)++;
          continue;
        }
      g_ptr_array_add (records, g_steal_pointer (&record));
    }
  return g_steal_pointer (&records);
}

/* A name for a copy of @path beside it that is not taken yet. */
static char *
aside_name (const char *path)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%dT%H%M%SZ");
  char *aside = g_strconcat (path, ".corrupt-", stamp, NULL);

  for (guint n = 1; g_file_test (aside, G_FILE_TEST_EXISTS); n++)
    {
      g_free (aside);
      aside = g_strdup_printf ("%s.corrupt-%s-%u", path, stamp, n);
    }
  return aside;
}

/* Keeps the bytes of a file some of which could not be used, because the
 * next save rewrites it without them. */
static void
keep_copy (const char *path, const char *data, gsize len)
{
  g_autofree char *aside = aside_name (path);
  g_autoptr (GError) error = NULL;

  if (g_file_set_contents_full (aside, data, (gssize) len,
                                G_FILE_SET_CONTENTS_CONSISTENT, 0600, &error))
    g_warning ("%s is partly corrupt; kept a copy as %s", path, aside);
  else
    g_warning ("%s is partly corrupt, and no copy could be kept: %s", path,
               error->message);
}

/* Renames the corrupt file aside, never over an earlier one, so that the
 * administrator can inspect it and the next save does not destroy it. */
static gboolean
set_aside (const char *path, const char *why, GError **error)
{
  g_autofree char *aside = aside_name (path);

  if (g_rename (path, aside) < 0)
    {
      int saved_errno = errno;

      g_set_error (error, GR_ERROR, GR_ERROR_FAILED,
                   "%s is corrupt (%s) and cannot be moved aside: %s", path,
                   why, g_strerror (saved_errno));
      return FALSE;
    }
  g_warning ("%s is corrupt (%s); moved it to %s and starting without "
             "destinations",
             path, why, aside);
  return TRUE;
}

static GPtrArray *
empty_records (void)
{
  return g_ptr_array_new_with_free_func (
      (GDestroyNotify) gr_destination_record_free);
}

/* The contents of @path, or NULL with *@missing or @error. */
static char *
read_store (const char *path, gsize *len, gboolean *missing, GError **error)
{
  g_autoptr (GError) local_error = NULL;
  char *data = NULL;

  *missing = FALSE;
  if (g_file_get_contents (path, &data, len, &local_error))
    return data;
  if (g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
    *missing = TRUE;
  else
    g_set_error (error, GR_ERROR, GR_ERROR_FAILED, "Cannot read %s: %s", path,
                 local_error->message);
  return NULL;
}

/* g_file_set_contents_full writes NAME.XXXXXX and renames it over NAME;
 * a service killed in between leaves the temporary behind. */
static gboolean
is_stale_temporary (const char *name)
{
  const char *const bases[] = { GR_STORE_FILE ".", "known_hosts.", NULL };

  for (guint i = 0; bases[i]; i++)
    if (g_str_has_prefix (name, bases[i]) &&
        strlen (name) == strlen (bases[i]) + 6 &&
        !g_str_has_prefix (name + strlen (bases[i]), "corrup"))
      return TRUE;
  return FALSE;
}

static void
remove_stale_temporaries (const char *state_dir)
{
  g_autoptr (GDir) dir = g_dir_open (state_dir, 0, NULL);
  const char *name;

  while (dir && (name = g_dir_read_name (dir)))
    if (is_stale_temporary (name))
      {
        g_autofree char *path = g_build_filename (state_dir, name, NULL);

        g_debug ("Removing %s, left by an interrupted write", path);
        g_unlink (path);
      }
}

GPtrArray *
gr_store_load (const char *state_dir, GError **error)
{
  g_autofree char *path = g_build_filename (state_dir, GR_STORE_FILE, NULL);
  g_autoptr (JsonParser) parser = json_parser_new_immutable ();
  g_autofree char *data = NULL;
  g_autofree char *fixed = NULL;
  GPtrArray *records = NULL;
  const char *why = "not valid JSON";
  gboolean missing;
  gsize len = 0, fixed_len = 0;
  guint skipped = 0;

  remove_stale_temporaries (state_dir);
  data = read_store (path, &len, &missing, error);
  if (data == NULL)
    return missing ? empty_records () : NULL;
  /* Invalid UTF-8 or a lone surrogate in one string would make json-glib
   * refuse the whole file. */
  fixed = gr_text_json_fix (data, len, &fixed_len);
  if (json_parser_load_from_data (parser, fixed, (gssize) fixed_len, NULL))
    records =
        records_from_json (json_parser_get_root (parser), path, &skipped, &why);
  if (records == NULL)
    return set_aside (path, why, error) ? empty_records () : NULL;
  if (skipped > 0 || fixed_len != len || memcmp (fixed, data, len) != 0)
    keep_copy (path, data, len);
  return records;
}

/* Writing. */

static void
add_string (JsonBuilder *builder, const char *name, const char *value)
{
  if (value == NULL)
    return;
  json_builder_set_member_name (builder, name);
  json_builder_add_string_value (builder, value);
}

static void
add_int (JsonBuilder *builder, const char *name, gint64 value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_int_value (builder, value);
}

static void
add_record (JsonBuilder *builder, const GrDestinationRecord *record)
{
  json_builder_begin_object (builder);
  add_string (builder, "host", record->host);
  add_int (builder, "port", record->port);
  add_string (builder, "user", record->user);
  add_string (builder, "fingerprint", record->fingerprint);
  add_string (builder, "key-type", record->key_type);
  add_string (builder, "installed-key", record->installed_key);
  add_string (builder, "passwordless", record->passwordless);
  add_int (builder, "last-test-time", (gint64) record->last_test_time);
  add_string (builder, "last-test-message", record->last_test_message);
  add_string (builder, "remote-gluster-version",
              record->remote_gluster_version);
  add_string (builder, "remote-rsync-version", record->remote_rsync_version);
  json_builder_set_member_name (builder, "remote-volumes");
  json_builder_begin_array (builder);
  for (char **v = record->remote_volumes; v && *v; v++)
    json_builder_add_string_value (builder, *v);
  json_builder_end_array (builder);
  json_builder_end_object (builder);
}

static char *
records_to_json (GPtrArray *records)
{
  g_autoptr (JsonBuilder) builder = json_builder_new_immutable ();
  g_autoptr (JsonGenerator) generator = json_generator_new ();
  g_autoptr (JsonNode) root = NULL;

  json_builder_begin_object (builder);
  add_int (builder, "version", STORE_VERSION);
  json_builder_set_member_name (builder, "destinations");
  json_builder_begin_array (builder);
  for (guint i = 0; i < records->len; i++)
    add_record (builder, g_ptr_array_index (records, i));
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  return json_generator_to_data (generator, NULL);
}

gboolean
gr_store_save (const char *state_dir, GPtrArray *records, GError **error)
{
  g_autofree char *path = g_build_filename (state_dir, GR_STORE_FILE, NULL);
  g_autofree char *data = NULL;
  g_autoptr (GError) local_error = NULL;

  for (guint i = 0; i < records->len; i++)
    if (!record_is_valid (g_ptr_array_index (records, i)))
      {
        g_set_error (error, GR_ERROR, GR_ERROR_INVALID_ARGUMENT,
                     "Not saving the destinations: destination %u is invalid "
                     "(unclean text or a name georepd would refuse)",
                     i + 1);
        return FALSE;
      }
  data = records_to_json (records);
  if (g_mkdir_with_parents (state_dir, 0700) < 0)
    {
      int saved_errno = errno;

      g_set_error (error, GR_ERROR, GR_ERROR_FAILED, "Cannot create %s: %s",
                   state_dir, g_strerror (saved_errno));
      return FALSE;
    }
  if (!g_file_set_contents_full (path, data, -1,
                                 G_FILE_SET_CONTENTS_CONSISTENT |
                                     G_FILE_SET_CONTENTS_DURABLE,
                                 0600, &local_error))
    {
      g_set_error (error, GR_ERROR, GR_ERROR_FAILED, "Cannot write %s: %s",
                   path, local_error->message);
      return FALSE;
    }
  return TRUE;
}
