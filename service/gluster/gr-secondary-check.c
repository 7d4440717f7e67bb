/* georepd: the findings of CheckSecondary (gr-secondary-check.h). */
#include <string.h>

#include "gr-gsyncd-log.h"
#include "gr-rsync-receiver.h"
#include "gr-secondary-check.h"
#include "gr-volume-space.h"
#include "gr-gluster-result.h"
#include "gr-xml-cli-output.h"
#include "gr-xml-volume-info.h"

/* Remote text quoted in a message is cleaned and cut to this. */
#define REMOTE_TEXT_MAX 200
/* Primaries named in one secondary-maybe-in-use finding. */
#define REMOTE_KEYS_SHOWN 5

static const GrFindingKind kinds[] = {
  { "secondary-volume-missing", GR_FINDING_ERROR,
    "the secondary volume does not exist on the secondary host" },
  { "secondary-volume-stopped", GR_FINDING_ERROR,
    "the secondary volume is not started" },
  { "secondary-not-empty", GR_FINDING_ERROR,
    "the secondary volume holds files" },
  { "secondary-smaller", GR_FINDING_WARNING,
    "the secondary volume is smaller than the primary or has less room "
    "than the primary's data" },
  { "secondary-in-use", GR_FINDING_ERROR,
    "another primary volume replicates to the secondary volume" },
  { "secondary-maybe-in-use", GR_FINDING_WARNING,
    "the secondary host holds the key of a session from another primary "
    "volume to the secondary volume (gluster leaves it after a delete)" },
  { "primary-already-replicating", GR_FINDING_ERROR,
    "a session from this primary to this secondary exists" },
  { "passwordless-failed", GR_FINDING_ERROR,
    "the key login to the secondary host fails" },
  { "gluster-missing-remote", GR_FINDING_ERROR,
    "gluster is not installed on the secondary host" },
  { "version-incompatible", GR_FINDING_ERROR,
    "the two sides run different gluster versions" },
  { "rsync-missing-local", GR_FINDING_ERROR,
    "rsync is not installed on this node" },
  { "rsync-missing-remote", GR_FINDING_ERROR,
    "rsync is not installed on the secondary host" },
  { "rsync-empty-files", GR_FINDING_ERROR,
    "the secondary's rsync would leave every synced file empty while the "
    "status says synced (docs/rsync-empty-files.md)" },
  { "mountbroker-missing", GR_FINDING_ERROR,
    "the non-root user has no mountbroker access on the secondary host" },
  { "session-keys-manual", GR_FINDING_WARNING,
    "after the create, root on the secondary host must install the "
    "session's keys for the non-root user" },
  { "check-incomplete", GR_FINDING_WARNING, "a check could not be made" },
};

const GrFindingKind *
gr_finding_kinds (gsize *n_kinds)
{
  *n_kinds = G_N_ELEMENTS (kinds);
  return kinds;
}

const GrFindingKind *
gr_finding_kind_lookup (const char *id)
{
  for (gsize i = 0; id && i < G_N_ELEMENTS (kinds); i++)
    if (g_str_equal (kinds[i].id, id))
      return &kinds[i];
  return NULL;
}

const char *
gr_finding_severity_to_string (GrFindingSeverity severity)
{
  return severity == GR_FINDING_ERROR ? "error" : "warning";
}

static void
finding_free (GrFinding *finding)
{
  g_free (finding->message);
  g_free (finding);
}

GPtrArray *
gr_findings_new (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) finding_free);
}

static gboolean
findings_contain (GPtrArray *findings, const GrFinding *finding)
{
  for (guint i = 0; i < findings->len; i++)
    {
      const GrFinding *other = g_ptr_array_index (findings, i);

      if (other->kind == finding->kind &&
          g_str_equal (other->message, finding->message))
        return TRUE;
    }
  return FALSE;
}

void
gr_findings_add (GPtrArray *findings, const char *id, const char *format, ...)
{
  GrFinding *finding = g_new0 (GrFinding, 1);
  g_autofree char *text = NULL;
  va_list args;

  finding->kind = gr_finding_kind_lookup (id);
  g_assert (finding->kind != NULL);
  va_start (args, format);
  text = g_strdup_vprintf (format, args);
  va_end (args);
  /* Messages quote remote text: clean all of it once more, whole. */
  finding->message = gr_gsyncd_clean (text, -1, GR_FINDING_MESSAGE_MAX);
  /* A remote host chooses much of what is found: a reply stays short. */
  if (findings->len >= GR_FINDINGS_MAX || findings_contain (findings, finding))
    finding_free (finding);
  else
    g_ptr_array_add (findings, finding);
}

gboolean
gr_findings_have (GPtrArray *findings, const char *id)
{
  for (guint i = 0; i < findings->len; i++)
    {
      const GrFinding *finding = g_ptr_array_index (findings, i);

      if (g_str_equal (finding->kind->id, id))
        return TRUE;
    }
  return FALSE;
}

void
gr_findings_remove (GPtrArray *findings, const char *id)
{
  for (guint i = findings->len; i > 0; i--)
    {
      const GrFinding *finding = g_ptr_array_index (findings, i - 1);

      if (g_str_equal (finding->kind->id, id))
        g_ptr_array_remove_index (findings, i - 1);
    }
}

gboolean
gr_findings_have_error (GPtrArray *findings)
{
  for (guint i = 0; i < findings->len; i++)
    {
      const GrFinding *finding = g_ptr_array_index (findings, i);

      if (finding->kind->severity == GR_FINDING_ERROR)
        return TRUE;
    }
  return FALSE;
}

static GrVolumeInfo *
steal_volume (GPtrArray *volumes, const char *name)
{
  for (guint i = 0; volumes && i < volumes->len; i++)
    {
      GrVolumeInfo *volume = g_ptr_array_index (volumes, i);

      if (g_str_equal (volume->name, name))
        return g_ptr_array_steal_index (volumes, i);
    }
  return NULL;
}

/* Gluster answers a volume it does not know with opRet -1 and "Volume X
 * does not exist"; any other failure leaves the question open. */
static GPtrArray *
read_volumes (const char *xml, char **failure)
{
  GrCliStatus envelope = { 0 };
  g_autoptr (GError) error = NULL;
  GPtrArray *volumes =
      gr_xml_read_volume_info (xml, strlen (xml), &envelope, &error);

  if (volumes == NULL)
    *failure = g_strdup (error->message);
  else if (envelope.op_ret != 0 &&
           strstr (envelope.op_errstr, "does not exist") == NULL)
    {
      *failure = g_strdup (envelope.op_errstr);
      g_clear_pointer (&volumes, g_ptr_array_unref);
    }
  gr_cli_status_clear (&envelope);
  return volumes;
}

void
gr_check_secondary_volume (GPtrArray *findings,
                           const char *host,
                           const char *secondary,
                           const char *xml,
                           GrVolumeInfo **volume)
{
  g_autoptr (GPtrArray) volumes = NULL;
  g_autofree char *failure = NULL;

  *volume = NULL;
  volumes = xml ? read_volumes (xml, &failure) : NULL;
  if (volumes == NULL)
    {
      g_autofree char *why = gr_gsyncd_clean (
          failure ? failure : "gluster did not answer", -1, REMOTE_TEXT_MAX);

      gr_findings_add (findings, "check-incomplete",
                       "Could not read the volumes of %s: %s", host, why);
      return;
    }
  *volume = steal_volume (volumes, secondary);
  if (*volume == NULL)
    gr_findings_add (findings, "secondary-volume-missing",
                     "%s has no volume %s: create it there, or name an "
                     "existing volume",
                     host, secondary);
  else if (g_strcmp0 ((*volume)->status, "Started") != 0)
    gr_findings_add (findings, "secondary-volume-stopped",
                     "The volume %s on %s is not started: start it there "
                     "(gluster volume start %s)",
                     secondary, host, secondary);
}

static gboolean
same_secondary (const GrSessionStatus *session,
                const char *host,
                const char *secondary)
{
  return g_strcmp0 (session->secondary_host, host) == 0 &&
         g_strcmp0 (session->secondary_volume, secondary) == 0;
}

void
gr_check_local_sessions (GPtrArray *sessions,
                         const char *primary,
                         const char *host,
                         const char *secondary,
                         GPtrArray *findings)
{
  for (guint i = 0; sessions && i < sessions->len; i++)
    {
      const GrSessionStatus *session = g_ptr_array_index (sessions, i);

      if (!same_secondary (session, host, secondary))
        continue;
      if (g_strcmp0 (session->primary_volume, primary) == 0)
        gr_findings_add (findings, "primary-already-replicating",
                         "%s already replicates to %s::%s: use that "
                         "session",
                         primary, host, secondary);
      else
        gr_findings_add (findings, "secondary-in-use",
                         "%s::%s is the secondary of %s already: choose "
                         "another secondary volume",
                         host, secondary, session->primary_volume);
    }
}

#define KEY_SUFFIX "_common_secret.pem.pub"

/* "PRIMARY_SECONDARY_common_secret.pem.pub" → PRIMARY, when it is
 * @secondary's (names may hold '_': the secondary is matched at the end). */
static char *
key_primary (const char *name, const char *secondary)
{
  g_autofree char *tail = g_strconcat ("_", secondary, KEY_SUFFIX, NULL);
  gsize len = strlen (name), tail_len = strlen (tail);

  if (len <= tail_len || !g_str_has_suffix (name, tail))
    return NULL;
  return g_strndup (name, len - tail_len);
}

/* The other primaries whose keys @listing holds for @secondary, each
 * once, in the order listed. */
static GPtrArray *
remote_key_primaries (const char *listing,
                      const char *primary,
                      const char *secondary)
{
  g_auto (GStrv) names = g_strsplit (listing ? listing : "", "\n", -1);
  g_autoptr (GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  GPtrArray *others = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; names[i]; i++)
    {
      char *other = key_primary (g_strstrip (names[i]), secondary);

      if (other == NULL || g_str_equal (other, primary) ||
          g_hash_table_contains (seen, other))
        {
          g_free (other);
          continue;
        }
      g_hash_table_add (seen, other);
      g_ptr_array_add (others, other);
    }
  return others;
}

/* "a, b, c (and N more)": the first REMOTE_KEYS_SHOWN. */
static char *
remote_key_names (GPtrArray *others)
{
  g_autoptr (GString) text = g_string_new (NULL);

  for (guint i = 0; i < others->len && i < REMOTE_KEYS_SHOWN; i++)
    {
      g_autofree char *shown =
          gr_gsyncd_clean (g_ptr_array_index (others, i), -1, REMOTE_TEXT_MAX);

      g_string_append_printf (text, "%s%s", i ? ", " : "", shown);
    }
  if (others->len > REMOTE_KEYS_SHOWN)
    g_string_append_printf (text, " (and %u more)",
                            others->len - REMOTE_KEYS_SHOWN);
  return g_string_free (g_steal_pointer (&text), FALSE);
}

void
gr_check_remote_keys (GPtrArray *findings,
                      const char *listing,
                      const char *primary,
                      const char *secondary)
{
  g_autoptr (GPtrArray) others =
      remote_key_primaries (listing, primary, secondary);
  g_autofree char *names = NULL;

  if (others->len == 0)
    return;
  names = remote_key_names (others);
  gr_findings_add (findings, "secondary-maybe-in-use",
                   "The secondary host holds the geo-replication key of "
                   "%s from %s to %s: if %s still exists, choose another "
                   "secondary volume",
                   others->len == 1 ? "a session" : "sessions", names,
                   secondary, others->len == 1 ? "that session" : "one");
}

void
gr_check_emptiness (GPtrArray *findings,
                    const char *host,
                    const char *secondary,
                    const char *output)
{
  g_autofree char *line =
      gr_gsyncd_clean (output ? output : "", -1, REMOTE_TEXT_MAX);

  g_strstrip (line);
  if (g_str_equal (line, "empty"))
    return;
  if (g_str_has_prefix (line, "not-empty "))
    gr_findings_add (findings, "secondary-not-empty",
                     "%s::%s is not empty (it holds %s): delete its files, "
                     "or create the session with force to keep them",
                     host, secondary, line + strlen ("not-empty "));
  else
    gr_findings_add (findings, "check-incomplete",
                     "Could not mount %s::%s to see whether it is empty "
                     "(needs root on %s)",
                     host, secondary, host);
}

void
gr_check_sizes (GPtrArray *findings,
                guint64 primary_total,
                guint64 primary_used,
                guint64 secondary_total,
                guint64 secondary_free)
{
  g_autofree char *p_total = g_format_size (primary_total);
  g_autofree char *s_total = g_format_size (secondary_total);
  g_autofree char *p_used = g_format_size (primary_used);
  g_autofree char *s_free = g_format_size (secondary_free);

  if (primary_total == 0 || secondary_total == 0)
    return;
  if (secondary_total < primary_total)
    gr_findings_add (findings, "secondary-smaller",
                     "The secondary volume (%s) is smaller than the primary "
                     "(%s): it may fill up; grow it",
                     s_total, p_total);
  else if (secondary_free < primary_used)
    gr_findings_add (findings, "secondary-smaller",
                     "The secondary volume has %s free, less than the %s "
                     "the primary holds: free or add space",
                     s_free, p_used);
}

void
gr_check_versions (GPtrArray *findings,
                   const char *host,
                   const char *local,
                   const char *remote)
{
  g_autofree char *shown = NULL;

  if (remote == NULL)
    {
      gr_findings_add (findings, "gluster-missing-remote",
                       "gluster is not installed on %s (or not in the "
                       "user's PATH): install glusterfs-server there",
                       host);
      return;
    }
  /* This node's version is "" until the first refresh read it. */
  if (local == NULL || *local == '\0' || g_str_equal (local, remote))
    return;
  shown = gr_gsyncd_clean (remote, -1, REMOTE_TEXT_MAX);
  gr_findings_add (findings, "version-incompatible",
                   "%s runs gluster %s, this node %s: gluster's create "
                   "refuses different versions; upgrade one side or force",
                   host, shown, local);
}

void
gr_check_rsync (GPtrArray *findings,
                const char *host,
                gboolean local_found,
                int remote_found)
{
  if (!local_found)
    gr_findings_add (findings, "rsync-missing-local",
                     "rsync is not installed on this node: install it "
                     "(gsyncd syncs data with rsync)");
  if (remote_found == 0)
    gr_findings_add (findings, "rsync-missing-remote",
                     "rsync is not installed on %s: install it there", host);
  else if (remote_found < 0)
    gr_findings_add (findings, "check-incomplete",
                     "Could not find out whether rsync is installed on %s",
                     host);
}

void
gr_check_rsync_receiver (GPtrArray *findings,
                         const char *host,
                         const char *remote_version,
                         const char *sync_method,
                         const char *rsync_options)
{
  g_autofree char *shown = NULL;

  if (!gr_rsync_session_leaves_files_empty (sync_method, rsync_options,
                                            remote_version))
    return;
  shown = gr_gsyncd_clean (remote_version, -1, REMOTE_TEXT_MAX);
  gr_findings_add (findings, "rsync-empty-files",
                   "%s runs rsync %s, which as gsyncd's receiver skips every "
                   "file (it resolves /proc/PID/cwd by its text): files "
                   "would arrive empty while the status says synced. Create "
                   "the session with the option rsync-follow-cwd (sets "
                   "rsync-options " GR_RSYNC_FOLLOW_CWD_OPTIONS ") or "
                   "sync-method tarssh",
                   host, shown);
}

/* Whether a comma-separated @list holds @item. */
static gboolean
list_has (const char *list, const char *item)
{
  g_auto (GStrv) items = g_strsplit (list, ",", -1);

  for (guint i = 0; items[i]; i++)
    if (g_str_equal (g_strstrip (items[i]), item))
      return TRUE;
  return FALSE;
}

/* The value of "option NAME VALUE" in glusterd.vol, or NULL. */
static char *
volfile_option (const char *text, const char *name)
{
  g_auto (GStrv) lines = g_strsplit (text, "\n", -1);

  for (guint i = 0; lines[i]; i++)
    {
      g_auto (GStrv) words = g_strsplit_set (g_strstrip (lines[i]), " \t", 3);

      if (g_strv_length (words) == 3 && g_str_equal (words[0], "option") &&
          g_str_equal (words[1], name))
        return g_strdup (g_strstrip (words[2]));
    }
  return NULL;
}

/* What root runs on @host for a mountbroker user (gluster's setup). */
#define MOUNTBROKER_COMMANDS                                                   \
  "gluster-mountbroker setup /var/mountbroker-root GROUP; "                    \
  "gluster-mountbroker add %s %s; systemctl restart glusterd"

void
gr_check_mountbroker (GPtrArray *findings,
                      const char *host,
                      const char *user,
                      const char *secondary,
                      gboolean root_trust,
                      const char *glusterd_vol)
{
  g_autofree char *key =
      g_strconcat ("mountbroker-geo-replication.", user, NULL);
  g_autofree char *root = NULL, *volumes = NULL;

  if (g_str_equal (user, "root"))
    return;
  if (glusterd_vol == NULL)
    {
      gr_findings_add (findings, "check-incomplete",
                       "Could not read glusterd.vol on %s to check its "
                       "mountbroker setup",
                       host);
      return;
    }
  root = volfile_option (glusterd_vol, "mountbroker-root");
  volumes = volfile_option (glusterd_vol, key);
  if (root != NULL && volumes != NULL && list_has (volumes, secondary))
    return;
  if (root_trust)
    gr_findings_add (findings, "mountbroker-missing",
                     "%s has no mountbroker access to %s on %s: call "
                     "SetupMountbroker on the destination %s@%s (georepd "
                     "runs the setup as root there)",
                     user, secondary, host, user, host);
  else
    gr_findings_add (findings, "mountbroker-missing",
                     "%s has no mountbroker access to %s on %s: run as root "
                     "there: " MOUNTBROKER_COMMANDS
                     " (or add root@%s as a destination and call "
                     "SetupMountbroker)",
                     user, secondary, host, secondary, user, host);
}

void
gr_check_login (GPtrArray *findings,
                const char *host,
                const char *user,
                const GError *login_error)
{
  if (login_error == NULL)
    return;
  gr_findings_add (findings, "passwordless-failed",
                   "The key login as %s to %s fails (%s): set up the "
                   "destination's passwordless login again",
                   user, host, login_error->message);
}

void
gr_secondary_facts_free (GrSecondaryFacts *facts)
{
  if (facts == NULL)
    return;
  g_free (facts->gluster_version);
  g_free (facts->rsync_version);
  g_free (facts->volume_info);
  g_free (facts->volume_detail);
  g_free (facts->emptiness);
  g_free (facts->key_listing);
  g_free (facts->glusterd_vol);
  g_free (facts);
}

/* The secondary's capacity and free space: df of the probe's mount when
 * it was made, else the bricks of `volume status detail`. */
static void
secondary_space (const GrSecondaryFacts *facts,
                 const GrVolumeInfo *volume,
                 guint64 *total,
                 guint64 *free)
{
  g_autoptr (GPtrArray) bricks = NULL;
  guint redundancy = 0;

  *total = facts->size_total;
  *free = facts->size_free;
  if (*total > 0 || facts->volume_detail == NULL)
    return;
  bricks = gr_xml_read_brick_space (facts->volume_detail,
                                    strlen (facts->volume_detail), NULL, NULL);
  if (bricks == NULL ||
      !gr_xml_read_redundancy (facts->volume_info, strlen (facts->volume_info),
                               &redundancy, NULL) ||
      !gr_volume_space (volume, redundancy, bricks, total, free))
    *total = *free = 0;
}

static void
check_volume_facts (const GrSecondaryCheck *check,
                    const GrVolumeInfo *volume,
                    GPtrArray *findings)
{
  const GrSecondaryFacts *facts = check->facts;
  guint64 total, free;

  if (g_strcmp0 (volume->status, "Started") != 0)
    return;
  gr_check_emptiness (findings, check->host, check->secondary,
                      facts->emptiness);
  secondary_space (facts, volume, &total, &free);
  gr_check_sizes (findings, check->primary_total, check->primary_used, total,
                  free);
}

static void
check_facts (const GrSecondaryCheck *check, GPtrArray *findings)
{
  const GrSecondaryFacts *facts = check->facts;
  g_autofree char *remote_version =
      gr_gluster_parse_version (facts->gluster_version);
  g_autoptr (GrVolumeInfo) volume = NULL;

  gr_check_versions (findings, check->host, check->local_version,
                     remote_version ? remote_version : facts->gluster_version);
  gr_check_rsync (findings, check->host, check->local_rsync, facts->rsync);
  /* As gsyncd syncs by default; CreateSession's options may fix it. */
  gr_check_rsync_receiver (findings, check->host, facts->rsync_version, NULL,
                           NULL);
  if (facts->gluster_version == NULL)
    return;
  gr_check_mountbroker (findings, check->host, check->user, check->secondary,
                        check->root_trust, facts->glusterd_vol);
  gr_check_secondary_volume (findings, check->host, check->secondary,
                             facts->volume_info, &volume);
  if (volume != NULL)
    check_volume_facts (check, volume, findings);
  gr_check_remote_keys (findings, facts->key_listing, check->primary,
                        check->secondary);
}

/* gluster's create push-pem leaves a non-root user's keys to root on
 * the secondary host; georepd runs that itself only with root trust. */
static void
check_session_keys (const GrSecondaryCheck *check, GPtrArray *findings)
{
  if (g_str_equal (check->user, "root") || check->root_trust)
    return;
  gr_findings_add (findings, "session-keys-manual",
                   "After the create, run as root on %s: "
                   "set_geo_rep_pem_keys.sh %s %s %s (in gluster's libexec "
                   "directory, e.g. /usr/libexec/glusterfs), or add root@%s "
                   "as a destination first so that georepd runs it",
                   check->host, check->user, check->primary, check->secondary,
                   check->host);
}

GPtrArray *
gr_secondary_check_run (const GrSecondaryCheck *check)
{
  GPtrArray *findings = gr_findings_new ();

  gr_check_local_sessions (check->sessions, check->primary, check->host,
                           check->secondary, findings);
  if (!check->local_rsync && check->facts == NULL)
    gr_check_rsync (findings, check->host, FALSE, 1);
  gr_check_login (findings, check->host, check->user, check->login_error);
  if (check->facts != NULL)
    check_facts (check, findings);
  check_session_keys (check, findings);
  return findings;
}
