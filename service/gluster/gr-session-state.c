/* georepd: session Status aggregation (docs/api.md "Session", as oVirt did it).
 *
 * A worker runs per brick, so the bricks are first grouped into the
 * volume's replica sets (disperse sets for dispersed volumes), in brick
 * order. Per set: healthy if any worker is Active, faulty if none is
 * Active and one is Faulty (or "Config Corrupted"), starting if one is
 * still Initializing, standby if only Passive workers are left, idle
 * otherwise. Sets without any reported worker (bricks of a node that
 * did not answer) are not counted.
 *
 * The session then is, first rule that applies:
 *   1. unknown       no workers at all
 *   2. paused, stopped, created
 *                    no worker is running (Active, Passive, Faulty,
 *                    Initializing); if they disagree, paused wins over
 *                    stopped over created: a paused session must still
 *                    be stopped before it can be deleted
 *   3. faulty        every set is faulty; partial-faulty if only some are
 *   4. initializing  a set is still starting
 *   5. active        a set is healthy and all others are healthy or in
 *                    standby (their Active brick is on a node that did
 *                    not report, or a failover is under way)
 *   6. passive       every set is in standby
 *   7. unknown       anything else, e.g. running and stopped sets mixed
 * A running session (4–6) with an Offline worker, one whose node did not
 * answer, is partial instead: it may be fine, but nobody can tell. */
#include <string.h>

#include "gr-session-state.h"

typedef enum {
  WORKER_ACTIVE = 1 << 0,
  WORKER_PASSIVE = 1 << 1,
  WORKER_FAULTY = 1 << 2,
  WORKER_INITIALIZING = 1 << 3,
  WORKER_CREATED = 1 << 4,
  WORKER_PAUSED = 1 << 5,
  WORKER_STOPPED = 1 << 6,
  WORKER_OTHER = 1 << 7,
  WORKER_OFFLINE = 1 << 8,
} GrWorkerState;

#define WORKER_RUNNING                                                         \
  (WORKER_ACTIVE | WORKER_PASSIVE | WORKER_FAULTY | WORKER_INITIALIZING)

typedef struct {
  guint sets;
  guint healthy;
  guint faulty;
  guint starting;
  guint standby;
} GrSetCount;

static GrWorkerState
worker_state (const GrWorker *worker)
{
  switch (worker->status)
    {
      case GR_WORKER_STATUS_ACTIVE:
        return WORKER_ACTIVE;
      case GR_WORKER_STATUS_PASSIVE:
        return WORKER_PASSIVE;
      case GR_WORKER_STATUS_FAULTY:
      case GR_WORKER_STATUS_CONFIG_CORRUPTED:
        return WORKER_FAULTY;
      case GR_WORKER_STATUS_INITIALIZING:
        return WORKER_INITIALIZING;
      case GR_WORKER_STATUS_CREATED:
        return WORKER_CREATED;
      case GR_WORKER_STATUS_PAUSED:
        return WORKER_PAUSED;
      case GR_WORKER_STATUS_STOPPED:
        return WORKER_STOPPED;
      case GR_WORKER_STATUS_OFFLINE:
        return WORKER_OFFLINE;
      default:
        return WORKER_OTHER;
    }
}

/* Indexed by GrSessionState. */
static const char *const session_state_words[] = {
  [GR_SESSION_STATE_UNKNOWN] = "unknown",
  [GR_SESSION_STATE_CREATED] = "created",
  [GR_SESSION_STATE_INITIALIZING] = "initializing",
  [GR_SESSION_STATE_ACTIVE] = "active",
  [GR_SESSION_STATE_PASSIVE] = "passive",
  [GR_SESSION_STATE_FAULTY] = "faulty",
  [GR_SESSION_STATE_PARTIAL_FAULTY] = "partial-faulty",
  [GR_SESSION_STATE_PAUSED] = "paused",
  [GR_SESSION_STATE_STOPPED] = "stopped",
  [GR_SESSION_STATE_PARTIAL] = "partial",
};
G_STATIC_ASSERT (G_N_ELEMENTS (session_state_words) ==
                 GR_SESSION_STATE_PARTIAL + 1);

const char *
gr_session_state_to_string (GrSessionState state)
{
  g_return_val_if_fail (state < G_N_ELEMENTS (session_state_words), "unknown");
  return session_state_words[state];
}

/* The counts come from gluster's output, which is not trusted: a set is
 * never larger than the volume, so that rounding up cannot overflow. */
static guint
set_size (const GrVolumeInfo *volume)
{
  guint size = 1;

  if (volume->replica_count > 1)
    size = volume->replica_count;
  else if (volume->disperse_count > 1)
    size = volume->disperse_count;
  return CLAMP (size, 1, MAX (volume->bricks->len, 1));
}

static const char *
brick_path (const char *brick)
{
  const char *path = strstr (brick, ":/");

  return path ? path + 1 : brick;
}

/* The brick of @worker: "node:path" as the volume lists it, else the
 * only brick with that path (the node may be named differently). */
static int
find_brick (const GrVolumeInfo *volume, const GrWorker *worker)
{
  g_autofree char *name =
      g_strconcat (worker->primary_node, ":", worker->primary_brick, NULL);
  int by_path = -1;
  guint same_path = 0;

  for (guint i = 0; i < volume->bricks->len; i++)
    {
      const char *brick = volume->bricks->pdata[i];

      if (g_str_equal (brick, name))
        return (int) i;
      if (g_str_equal (brick_path (brick), worker->primary_brick) &&
          same_path++ == 0)
        by_path = (int) i;
    }
  return same_path == 1 ? by_path : -1;
}

/* One mask of GrWorkerState per set, in brick order; workers of no known
 * brick each make a set of their own. */
static GArray *
group_workers (GPtrArray *workers, const GrVolumeInfo *volume)
{
  guint size = volume ? set_size (volume) : 1;
  guint known = volume ? (volume->bricks->len + size - 1) / size : 0;
  GArray *sets = g_array_new (FALSE, TRUE, sizeof (guint));

  g_array_set_size (sets, known);
  for (guint i = 0; i < workers->len; i++)
    {
      const GrWorker *worker = workers->pdata[i];
      int brick = volume ? find_brick (volume, worker) : -1;
      guint state = worker_state (worker);

      /* Its set counts by the workers that did report. */
      if (state == WORKER_OFFLINE)
        continue;
      if (brick >= 0)
        g_array_index (sets, guint, brick / size) |= state;
      else
        g_array_append_val (sets, state);
    }
  return sets;
}

static void
count_sets (GArray *sets, GrSetCount *count)
{
  memset (count, 0, sizeof *count);
  for (guint i = 0; i < sets->len; i++)
    {
      guint mask = g_array_index (sets, guint, i);

      if (mask == 0)
        continue;
      count->sets++;
      if (mask & WORKER_ACTIVE)
        count->healthy++;
      else if (mask & WORKER_FAULTY)
        count->faulty++;
      else if (mask & WORKER_INITIALIZING)
        count->starting++;
      else if (mask & WORKER_PASSIVE)
        count->standby++;
    }
}

static GrSessionState
idle_status (guint all)
{
  if (all & WORKER_OTHER)
    return GR_SESSION_STATE_UNKNOWN;
  if (all & WORKER_PAUSED)
    return GR_SESSION_STATE_PAUSED;
  if (all & WORKER_STOPPED)
    return GR_SESSION_STATE_STOPPED;
  return GR_SESSION_STATE_CREATED;
}

static GrSessionState
running_status (const GrSetCount *count)
{
  if (count->faulty > 0)
    return count->faulty == count->sets ? GR_SESSION_STATE_FAULTY
                                        : GR_SESSION_STATE_PARTIAL_FAULTY;
  if (count->starting > 0)
    return GR_SESSION_STATE_INITIALIZING;
  if (count->healthy > 0 && count->healthy + count->standby == count->sets)
    return GR_SESSION_STATE_ACTIVE;
  if (count->standby == count->sets)
    return GR_SESSION_STATE_PASSIVE;
  return GR_SESSION_STATE_UNKNOWN;
}

/* Marks the bricks that a worker of @workers runs; returns how many
 * workers match no brick. */
static guint
match_bricks (GPtrArray *workers, const GrVolumeInfo *volume, gboolean *seen)
{
  guint unmatched = 0;

  for (guint i = 0; i < workers->len; i++)
    {
      int brick = find_brick (volume, workers->pdata[i]);

      if (brick >= 0)
        seen[brick] = TRUE;
      else
        unmatched++;
    }
  return unmatched;
}

void
gr_status_add_offline_workers (GPtrArray *workers, const GrVolumeInfo *volume)
{
  g_autofree gboolean *seen = NULL;

  if (volume == NULL || workers == NULL || workers->len == 0)
    return;
  seen = g_new0 (gboolean, volume->bricks->len);
  /* A worker that matches no brick (its node named otherwise than in the
   * volume) may well run one of the unmatched bricks: then nothing can be
   * said, rather than a running brick called offline. */
  if (match_bricks (workers, volume, seen) > 0)
    return;
  for (guint i = 0; i < volume->bricks->len; i++)
    {
      const char *brick = volume->bricks->pdata[i];
      const char *path = brick_path (brick);
      GrWorker *worker;

      if (seen[i] || path == brick)
        continue;
      worker = gr_worker_new ();
      g_free (worker->primary_node);
      worker->primary_node = g_strndup (brick, (gsize) (path - brick) - 1);
      g_free (worker->primary_brick);
      worker->primary_brick = g_strdup (path);
      worker->status = GR_WORKER_STATUS_OFFLINE;
      g_ptr_array_add (workers, worker);
    }
}

static GrSessionState
with_offline (GrSessionState state, guint all)
{
  if (!(all & WORKER_OFFLINE))
    return state;
  switch (state)
    {
      case GR_SESSION_STATE_ACTIVE:
      case GR_SESSION_STATE_PASSIVE:
      case GR_SESSION_STATE_INITIALIZING:
      case GR_SESSION_STATE_UNKNOWN:
        return GR_SESSION_STATE_PARTIAL;
      default:
        return state;
    }
}

GrSessionState
gr_status_aggregate (GPtrArray *workers, const GrVolumeInfo *volume)
{
  g_autoptr (GArray) sets = NULL;
  GrSetCount count;
  guint all = 0;

  if (workers == NULL || workers->len == 0)
    return GR_SESSION_STATE_UNKNOWN;
  for (guint i = 0; i < workers->len; i++)
    all |= worker_state (workers->pdata[i]);
  if (all == WORKER_OFFLINE)
    return GR_SESSION_STATE_UNKNOWN;
  if ((all & WORKER_RUNNING) == 0)
    return idle_status (all & ~WORKER_OFFLINE);
  sets = group_workers (workers, volume);
  count_sets (sets, &count);
  return with_offline (running_status (&count), all);
}

int
gr_status_worker_set (const GrVolumeInfo *volume, const GrWorker *worker)
{
  int brick = volume ? find_brick (volume, worker) : -1;

  return brick >= 0 ? brick / (int) set_size (volume) : -1;
}

static gboolean
is_active (const GrWorker *worker)
{
  return worker_state (worker) == WORKER_ACTIVE;
}

/* Data is synced up to the oldest Active worker, and a checkpoint is
 * complete when every Active worker completed it. */
void
gr_status_summarize (GPtrArray *workers, GrStatusSummary *summary)
{
  guint active = 0;

  memset (summary, 0, sizeof *summary);
  summary->checkpoint_completed = TRUE;
  for (guint i = 0; workers != NULL && i < workers->len; i++)
    {
      const GrWorker *worker = workers->pdata[i];

      summary->failures += worker->failures;
      summary->checkpoint_time =
          MAX (summary->checkpoint_time, worker->checkpoint_time);
      if (!is_active (worker))
        continue;
      active++;
      if (worker->last_synced != 0 &&
          (summary->last_synced == 0 ||
           worker->last_synced < summary->last_synced))
        summary->last_synced = worker->last_synced;
      summary->checkpoint_completed &= worker->checkpoint_completed;
      summary->checkpoint_completion_time =
          MAX (summary->checkpoint_completion_time,
               worker->checkpoint_completion_time);
    }
  if (active == 0 || summary->checkpoint_time == 0)
    summary->checkpoint_completed = FALSE;
  if (!summary->checkpoint_completed)
    summary->checkpoint_completion_time = 0;
}
