/* georepd: jobs.json (gr-job-store.h). */
#include <errno.h>

#include <glib/gstdio.h>

#include "gr-error.h"
#include "gr-job-store.h"

#define JOB_STORE_VERSION 1

static GPtrArray *
no_jobs (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) gr_job_record_free);
}

/* Moved aside, never overwritten: the admin may want what it held. */
static void
set_aside (const char *path, const char *why)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%dT%H%M%SZ");
  g_autofree char *aside = g_strconcat (path, ".corrupt-", stamp, NULL);

  if (g_rename (path, aside) == 0)
    g_warning ("%s is corrupt (%s); moved it to %s", path, why, aside);
  else
    g_warning ("%s is corrupt (%s) and cannot be moved aside: %s", path, why,
               g_strerror (errno));
}

static JsonArray *
jobs_array (JsonNode *root)
{
  JsonObject *object = root && JSON_NODE_HOLDS_OBJECT (root)
                           ? json_node_get_object (root)
                           : NULL;
  JsonNode *list = object ? json_object_get_member (object, "jobs") : NULL;

  if (object == NULL || list == NULL || !JSON_NODE_HOLDS_ARRAY (list) ||
      json_object_get_int_member_with_default (object, "version", 0) !=
          JOB_STORE_VERSION)
    return NULL;
  return json_node_get_array (list);
}

GPtrArray *
gr_job_store_load (const char *state_dir)
{
  g_autofree char *path = g_build_filename (state_dir, GR_JOB_STORE_FILE, NULL);
  g_autoptr (JsonParser) parser = json_parser_new_immutable ();
  g_autoptr (GError) error = NULL;
  GPtrArray *jobs = no_jobs ();
  JsonArray *array;

  if (!json_parser_load_from_file (parser, path, &error))
    {
      if (!g_error_matches (error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        set_aside (path, error->message);
      return jobs;
    }
  if ((array = jobs_array (json_parser_get_root (parser))) == NULL)
    {
      set_aside (path, "not a georepd jobs file of version 1");
      return jobs;
    }
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      GrJobRecord *record =
          gr_job_record_from_json (json_array_get_element (array, i));

      if (record == NULL)
        g_warning ("%s: job %u is invalid; skipped it", path, i + 1);
      else
        g_ptr_array_add (jobs, record);
    }
  return jobs;
}

static void
drop_old_finished (GPtrArray *jobs)
{
  guint finished = 0;

  for (guint i = jobs->len; i > 0; i--)
    if (gr_job_record_is_final (jobs->pdata[i - 1]) &&
        ++finished > GR_JOB_STORE_KEEP_FINISHED)
      g_ptr_array_remove_index (jobs, i - 1);
}

gboolean
gr_job_store_save (const char *state_dir, GPtrArray *jobs, GError **error)
{
  g_autofree char *path = g_build_filename (state_dir, GR_JOB_STORE_FILE, NULL);
  g_autoptr (JsonNode) root = json_node_new (JSON_NODE_OBJECT);
  JsonObject *object = json_object_new ();
  JsonArray *array = json_array_new ();
  g_autofree char *text = NULL;
  g_autoptr (GError) local_error = NULL;

  drop_old_finished (jobs);
  for (guint i = 0; i < jobs->len; i++)
    json_array_add_element (array, gr_job_record_to_json (jobs->pdata[i]));
  json_object_set_int_member (object, "version", JOB_STORE_VERSION);
  json_object_set_array_member (object, "jobs", array);
  json_node_take_object (root, object);
  text = json_to_string (root, TRUE);
  if (g_mkdir_with_parents (state_dir, 0700) != 0 ||
      !g_file_set_contents_full (path, text, -1,
                                 G_FILE_SET_CONTENTS_CONSISTENT |
                                     G_FILE_SET_CONTENTS_DURABLE,
                                 0600, &local_error))
    {
      g_set_error (error, GR_ERROR, GR_ERROR_FAILED, "Cannot write %s: %s",
                   path,
                   local_error ? local_error->message : g_strerror (errno));
      return FALSE;
    }
  return TRUE;
}

char *
gr_job_store_next_id (GPtrArray *jobs)
{
  guint64 highest = 0;

  for (guint i = 0; i < jobs->len; i++)
    highest =
        MAX (highest,
             g_ascii_strtoull (((GrJobRecord *) jobs->pdata[i])->id, NULL, 10));
  return g_strdup_printf ("%" G_GUINT64_FORMAT, highest + 1);
}
