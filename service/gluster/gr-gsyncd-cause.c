/* georepd: recognizing why gsyncd failed (gr-gsyncd-cause.h).
 *
 * The rules match words of the messages of gsyncd (syncdutils.py,
 * resource.py, monitor.py, primary.py of the installed gluster) and of
 * the programs it runs (ssh, rsync, the gluster CLI), whose stderr it
 * logs as "PROGRAM> LINE". Recorded real lines are in
 * tests/data/gsyncd-log/. The first rule that matches wins, so narrower
 * rules come first. */
#include <string.h>

#include "gr-gsyncd-cause.h"

static const GrGsyncdCause causes[] = {
  { "ssh-connection-refused", TRUE,
    "The secondary host refused the SSH connection: check that sshd runs "
    "there and that the session's ssh-port is the port it listens on" },
  { "ssh-timeout", TRUE,
    "The SSH connection to the secondary host timed out: check the network "
    "and firewalls between this node and the secondary host" },
  { "ssh-host-unreachable", TRUE,
    "The secondary host cannot be reached (no route or unknown name): check "
    "its name, its address and the network" },
  { "ssh-host-key", TRUE,
    "The secondary host's SSH host key is not the one this node knows: "
    "check the host, then update root's known_hosts" },
  { "ssh-authentication-failed", TRUE,
    "The secondary host refused the geo-replication key: set up the "
    "passwordless SSH login again (create the session with push-pem)" },
  { "rsync-missing-remote", TRUE,
    "rsync is not installed on the secondary host: install it there" },
  { "rsync-missing-local", TRUE,
    "rsync is not installed on this node, or the session's rsync-command "
    "names a missing program: install rsync or reset rsync-command" },
  { "gsyncd-missing-remote", TRUE,
    "gsyncd could not be run on the secondary host: install the "
    "geo-replication package there, check the session's remote-gsyncd and "
    "remove stale geo-replication keys from its authorized_keys" },
  { "secondary-volume-missing", TRUE,
    "The secondary volume does not exist on the secondary host: create it "
    "or fix the session's secondary" },
  { "secondary-volume-stopped", TRUE,
    "The secondary volume is not started: start it on the secondary "
    "cluster" },
  { "glusterd-unreachable-remote", TRUE,
    "gluster on the secondary host cannot reach its glusterd: start "
    "glusterd there; for a non-root user, set up the mountbroker" },
  { "mountbroker-refused", TRUE,
    "glusterd on the secondary host refused the mountbroker mount: check "
    "gluster-mountbroker setup and add (volume, user) there, then restart "
    "glusterd" },
  { "permission-denied", TRUE,
    "gsyncd was denied access: check the session user's permissions on the "
    "secondary (mountbroker) and on this node" },
  { "version-mismatch", TRUE,
    "The gsyncd versions of this node and the secondary do not work "
    "together: install matching gluster releases on both sides" },
  { "mount-failed", TRUE,
    "gsyncd's gluster mount of a volume failed or died: check that the "
    "volume's bricks are up and see the session's mnt-*.log" },
  { "brick-down-or-split-brain", TRUE,
    "Input/output errors: a brick is down or a file is in split-brain; "
    "geo-replication resumes once that is repaired" },
  { "meta-volume-not-mounted", TRUE,
    "The shared meta volume is not mounted: mount gluster_shared_storage or "
    "set use-meta-volume to false" },
  { "changelog-failed", TRUE,
    "The changelog of the primary brick could not be read: check that "
    "changelog is enabled on the primary volume and see changes-*.log" },
  { "worker-not-confirmed", FALSE,
    "The worker did not connect in time: gsyncd on the secondary or the "
    "primary's mount may hang; check both volumes" },
  { "connection-broken", FALSE, "The connection to the secondary broke" },
  { "worker-died", FALSE, "The worker died while starting" },
  { GR_GSYNCD_CAUSE_UNKNOWN, FALSE, "gsyncd reported an error" },
};

typedef struct {
  const char *id;
  const char *words[4]; /* all must occur (lower case); NULL-terminated */
} GrCauseRule;

static const GrCauseRule rules[] = {
  { "ssh-connection-refused", { "ssh", "connection refused" } },
  { "ssh-timeout", { "ssh", "timed out" } },
  { "ssh-host-unreachable", { "ssh", "no route to host" } },
  { "ssh-host-unreachable", { "ssh", "could not resolve hostname" } },
  { "ssh-host-unreachable", { "ssh", "network is unreachable" } },
  { "ssh-host-key", { "host key verification failed" } },
  { "ssh-host-key", { "remote host identification has changed" } },
  { "ssh-authentication-failed", { "permission denied (publickey" } },
  { "rsync-missing-remote", { "rsync: command not found" } },
  { "rsync-missing-remote", { "rsync: not found" } },
  { "rsync-missing-remote", { "remote command not found" } },
  { "rsync-missing-local", { "execution of \"", "rsync", "enoent" } },
  { "rsync-missing-local", { "no such file or directory", "rsync" } },
  { "gsyncd-missing-remote", { "misconfiguration" } },
  { "gsyncd-missing-remote", { "gsyncd", "command not found" } },
  { "gsyncd-missing-remote", { "remote-gsyncd" } },
  { "gsyncd-missing-remote", { "ssh>", "gsyncd", "no such file" } },
  { "secondary-volume-missing", { "does not exist" } },
  /* the secondary's volume info asked over ssh: errno 2, ENOENT */
  { "secondary-volume-missing",
    { "getting volume info of", "(via ", "errorcode 2" } },
  { "secondary-volume-stopped", { "is not started" } },
  { "secondary-volume-stopped", { "subvols are not up" } },
  { "glusterd-unreachable-remote", { "gluster daemon is operational" } },
  { "mountbroker-refused", { "glusterd answered" } },
  { "mountbroker-refused", { "mountbroker" } },
  { "permission-denied", { "permission denied" } },
  { "permission-denied", { "eacces" } },
  { "version-mismatch", { "version mismatch" } },
  { "mount-failed", { "mount process exited" } },
  { "mount-failed", { "mount", "failed" } },
  { "brick-down-or-split-brain", { "input/output error" } },
  { "meta-volume-not-mounted", { "meta-volume is not mounted" } },
  { "changelog-failed", { "changelog", "failed" } },
  { "worker-not-confirmed", { "worker not confirmed" } },
  { "connection-broken", { "connection to peer is broken" } },
  { "worker-died", { "worker died" } },
};

const GrGsyncdCause *
gr_gsyncd_causes (gsize *n_causes)
{
  *n_causes = G_N_ELEMENTS (causes);
  return causes;
}

const GrGsyncdCause *
gr_gsyncd_cause_lookup (const char *id)
{
  for (gsize i = 0; id && i < G_N_ELEMENTS (causes); i++)
    if (g_str_equal (causes[i].id, id))
      return &causes[i];
  return NULL;
}

static gboolean
rule_matches (const GrCauseRule *rule, const char *lower)
{
  for (gsize i = 0; i < G_N_ELEMENTS (rule->words) && rule->words[i]; i++)
    if (strstr (lower, rule->words[i]) == NULL)
      return FALSE;
  return TRUE;
}

/* The monitor notes a worker's death at level INFO. */
static gboolean
is_failure (const GrGsyncdLine *line, const char *lower)
{
  return line->level >= GR_GSYNCD_LEVEL_ERROR ||
         strstr (lower, "worker died") != NULL ||
         strstr (lower, "worker not confirmed") != NULL;
}

const GrGsyncdCause *
gr_gsyncd_cause_find (const GrGsyncdLine *line)
{
  g_autofree char *lower = g_utf8_strdown (line->message, -1);

  if (!is_failure (line, lower))
    return NULL;
  /* This line quotes a whole command line, whose words would match
   * anything; the lines after it ("PROGRAM> …") tell what went wrong. */
  if (g_str_has_prefix (lower, "command returned error"))
    return gr_gsyncd_cause_lookup (GR_GSYNCD_CAUSE_UNKNOWN);
  for (gsize i = 0; i < G_N_ELEMENTS (rules); i++)
    if (rule_matches (&rules[i], lower))
      {
        const GrGsyncdCause *cause = gr_gsyncd_cause_lookup (rules[i].id);

        g_assert (cause != NULL); /* a rule names a cause of the table */
        return cause;
      }
  return gr_gsyncd_cause_lookup (GR_GSYNCD_CAUSE_UNKNOWN);
}

char *
gr_gsyncd_cause_describe (const GrGsyncdCause *cause, const GrGsyncdLine *line)
{
  g_autofree char *text =
      g_strdup_printf ("%s (gsyncd: %s)", cause->advice, line->message);

  return gr_gsyncd_clean (text, -1, GR_GSYNCD_MESSAGE_MAX);
}

gboolean
gr_gsyncd_line_is_recovery (const GrGsyncdLine *line)
{
  g_autofree char *status = NULL;

  if (!g_str_has_prefix (line->message, "Worker Status Change"))
    return FALSE;
  status = gr_gsyncd_field (line->message, "status");
  return g_strcmp0 (status, "Active") == 0 ||
         g_strcmp0 (status, "Passive") == 0;
}
