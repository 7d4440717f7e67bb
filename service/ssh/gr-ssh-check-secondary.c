/* georepd: CheckSecondary's gathering (gr-ssh-check-secondary.h).
 *
 * Three steps, one after the other, each bounded by its own timeout: the
 * primary's layout (`volume info`) and sizes (`volume status detail`) on
 * this node, then the destination. A step that fails leaves its part
 * unknown; the checks say what they could not make. */
#include <string.h>

#include "gr-error.h"
#include "gr-ssh-check-secondary.h"
#include "gr-ssh-secondary.h"
#include "gr-volume-space.h"
#include "gr-xml-volume-info.h"

typedef struct {
  GrGluster *gluster; /* borrowed: it outlives the daemon's calls */
  GrSshTarget *target;
  char *primary;
  char *secondary;
  char *local_version;
  GPtrArray *sessions;
  gboolean root_trust;
  GrVolumeInfo *primary_volume;
  guint64 primary_total;
  guint64 primary_used;
} GrCheckJob;

static void
check_job_free (GrCheckJob *job)
{
  gr_ssh_target_free (job->target);
  g_free (job->primary);
  g_free (job->secondary);
  g_free (job->local_version);
  g_clear_pointer (&job->sessions, g_ptr_array_unref);
  g_clear_pointer (&job->primary_volume, gr_volume_info_free);
  g_free (job);
}

static void
finish (GTask *task, const GrSecondaryFacts *facts, const GError *login_error)
{
  GrCheckJob *job = g_task_get_task_data (task);
  g_autofree char *rsync = g_find_program_in_path ("rsync");
  GrSecondaryCheck check = {
    .primary = job->primary,
    .host = job->target->host,
    .user = job->target->user,
    .secondary = job->secondary,
    .local_version = job->local_version,
    .local_rsync = rsync != NULL,
    .sessions = job->sessions,
    .primary_total = job->primary_total,
    .primary_used = job->primary_used,
    .root_trust = job->root_trust,
    .login_error = login_error,
    .facts = facts,
  };

  g_task_return_pointer (task, gr_secondary_check_run (&check),
                         (GDestroyNotify) g_ptr_array_unref);
}

static void
on_probed (GObject *source, GAsyncResult *result, gpointer data)
{
  g_autoptr (GTask) task = data;
  g_autoptr (GError) error = NULL;
  g_autoptr (GrSecondaryFacts) facts =
      gr_ssh_probe_secondary_finish (result, &error);

  /* Nothing about the secondary can be known: that is the answer, not a
   * finding among others, so that CreateSession fails as Test does. */
  if (g_error_matches (error, GR_ERROR, GR_ERROR_HOST_UNREACHABLE))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  finish (task, facts, error);
}

static void
probe_destination (GTask *task)
{
  GrCheckJob *job = g_task_get_task_data (task);

  gr_ssh_probe_secondary_async (job->target, job->secondary,
                                g_task_get_cancellable (task), on_probed, task);
}

static void
on_primary_detail (GObject *source, GAsyncResult *result, gpointer data)
{
  GTask *task = data;
  GrCheckJob *job = g_task_get_task_data (task);
  g_autoptr (GPtrArray) bricks =
      gr_gluster_run_parsed_finish (job->gluster, result, NULL);
  guint64 total, free;

  /* The primary's redundancy is not asked: a dispersed primary is then
   * counted larger than it is, which only makes the warning likelier. */
  if (bricks != NULL && job->primary_volume != NULL &&
      gr_volume_space (job->primary_volume, 0, bricks, &total, &free))
    {
      job->primary_total = total;
      job->primary_used = total - MIN (free, total);
    }
  probe_destination (task);
}

static void
on_primary_info (GObject *source, GAsyncResult *result, gpointer data)
{
  GTask *task = data;
  GrCheckJob *job = g_task_get_task_data (task);
  g_autoptr (GPtrArray) volumes =
      gr_gluster_run_parsed_finish (job->gluster, result, NULL);
  const char *args[] = { "volume", "status", job->primary, "detail", NULL };

  if (volumes == NULL || volumes->len == 0)
    {
      probe_destination (task);
      return;
    }
  job->primary_volume = g_ptr_array_steal_index (volumes, 0);
  gr_gluster_run_parsed_async (job->gluster, args, gr_xml_read_brick_space,
                               (GDestroyNotify) g_ptr_array_unref,
                               g_task_get_cancellable (task), on_primary_detail,
                               task);
}

void
gr_check_secondary_async (GrGluster *gluster,
                          const GrSshTarget *target,
                          const char *primary,
                          const char *secondary,
                          const char *local_version,
                          GPtrArray *sessions,
                          gboolean root_trust,
                          GCancellable *cancellable,
                          GAsyncReadyCallback callback,
                          gpointer user_data)
{
  GTask *task = g_task_new (NULL, cancellable, callback, user_data);
  GrCheckJob *job = g_new0 (GrCheckJob, 1);
  const char *args[] = { "volume", "info", primary, NULL };

  job->gluster = gluster;
  job->target = gr_ssh_target_copy (target);
  job->primary = g_strdup (primary);
  job->secondary = g_strdup (secondary);
  job->local_version = g_strdup (local_version);
  job->sessions = sessions ? g_ptr_array_ref (sessions) : NULL;
  job->root_trust = root_trust;
  g_task_set_source_tag (task, gr_check_secondary_async);
  g_task_set_task_data (task, job, (GDestroyNotify) check_job_free);
  gr_gluster_run_parsed_async (gluster, args, gr_xml_read_volume_info,
                               (GDestroyNotify) g_ptr_array_unref, cancellable,
                               on_primary_info, task);
}

GPtrArray *
gr_check_secondary_finish (GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

GVariant *
gr_findings_to_variant (GPtrArray *findings)
{
  GVariantBuilder builder;

  g_variant_builder_init (&builder, G_VARIANT_TYPE ("a(sss)"));
  for (guint i = 0; i < findings->len; i++)
    {
      const GrFinding *finding = g_ptr_array_index (findings, i);

      g_variant_builder_add (
          &builder, "(sss)", finding->kind->id,
          gr_finding_severity_to_string (finding->kind->severity),
          finding->message);
    }
  return g_variant_builder_end (&builder);
}
