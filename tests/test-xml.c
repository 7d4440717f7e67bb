/* Unit tests: the gluster CLI XML parsers, on outputs recorded from
 * Gluster 10.3 (tests/data/README.md) and on hand-made <= 9 and hostile
 * variants. */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "gr-error.h"
#include "gr-test-data.h"
#include "gr-xml.h"

#define NODE_UUID "337d3f78-9d1e-4ea7-ab98-265712c93e52"

/* 2026-11-25 23:32:38/40/43 UTC */
#define CHECKPOINT_TIME 1795649558
#define LAST_SYNCED 1795649560
#define COMPLETION_TIME 1795649563

/* A recorded answer that gluster gave with opRet 0. */
static xmlDoc *
load (const char *name)
{
  g_autoptr (GError) error = NULL;
  xmlDoc *doc = gr_test_read_xml (name, &error);
  GrCliStatus status;

  g_assert_no_error (error);
  g_assert_nonnull (doc);
  g_assert_true (gr_xml_cli_status (doc, &status, &error));
  g_assert_no_error (error);
  g_assert_cmpint (status.op_ret, ==, 0);
  gr_cli_status_clear (&status);
  return doc;
}

static void
assert_read_fails (const char *data, gsize len, const char *message_part)
{
  g_autoptr (GError) error = NULL;
  xmlDoc *doc = gr_xml_read (data, len, &error);

  g_assert_null (doc);
  g_assert_error (error, GR_ERROR, GR_ERROR_FAILED);
  if (strstr (error->message, message_part) == NULL)
    g_error ("'%s' does not say '%s'", error->message, message_part);
}

static void
assert_file_fails (const char *name, const char *message_part)
{
  gsize len;
  g_autofree char *data = gr_test_read_data (name, &len);

  assert_read_fails (data, len, message_part);
}

/* --- reading --- */

static void
test_read_recorded (void)
{
  const char *names[] = {
    "volume-info-all.xml",
    "volume-list.xml",
    "geo-status-created-all.xml",
    "geo-status-active-passive-all.xml",
    "geo-config-started.xml",
    "geo-start.xml",
    "err-locked.xml",
    "v9-geo-config.xml",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (xmlDoc) doc = gr_test_read_xml (names[i], &error);

      g_assert_no_error (error);
      g_assert_nonnull (doc);
    }
}

static void
test_read_not_xml (void)
{
  assert_file_fails ("err-glusterd-down.out", "not XML");
  assert_file_fails ("err-status-nosession.out", "not XML");
  assert_file_fails ("gluster-version.txt", "not XML");
  assert_read_fails ("", 0, "empty");
  assert_read_fails (" \n\t", 3, "empty");
}

static void
test_read_truncated (void)
{
  gsize len;
  g_autofree char *data =
      gr_test_read_data ("geo-status-active-passive-all.xml", &len);

  assert_file_fails ("bad-truncated.xml", "truncated");
  /* Cut anywhere, even in the middle of a name, it is a clean error. */
  for (gsize cut = 1; cut < len - 2; cut += 97)
    assert_read_fails (data, cut, "Cannot read gluster output");
}

static void
test_read_malformed (void)
{
  static const char nul[] = "<cliOutput><opRet>0\0</opRet></cliOutput>";

  assert_file_fails ("bad-malformed.xml", "malformed XML at line 8");
  assert_file_fails ("bad-trailing.xml", "malformed");
  assert_read_fails (nul, sizeof nul - 1, "Cannot read gluster output");
  assert_read_fails ("<a>", 3, "truncated");
  assert_read_fails ("<", 1, "Cannot read gluster output");
}

static void
test_read_doctype (void)
{
  assert_file_fails ("bad-entity-bomb.xml", "DOCTYPE");
  assert_file_fails ("bad-xxe.xml", "DOCTYPE");
  assert_file_fails ("bad-doctype.xml", "DOCTYPE");
}

static void
test_read_too_large (void)
{
  gsize len = GR_XML_MAX_SIZE + 1;
  g_autofree char *data = g_malloc (len);

  memset (data, ' ', len);
  memcpy (data, "<cliOutput>", strlen ("<cliOutput>"));
  assert_read_fails (data, len, "larger than 16 MiB");
}

/* --- the cliOutput envelope --- */

static void
assert_cli_status (const char *name,
                   int op_ret,
                   int op_errno,
                   const char *op_errstr)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (xmlDoc) doc = gr_test_read_xml (name, &error);
  GrCliStatus status;

  g_assert_no_error (error);
  g_assert_true (gr_xml_cli_status (doc, &status, &error));
  g_assert_no_error (error);
  g_assert_cmpint (status.op_ret, ==, op_ret);
  g_assert_cmpint (status.op_errno, ==, op_errno);
  g_assert_cmpstr (status.op_errstr, ==, op_errstr);
  gr_cli_status_clear (&status);
  g_assert_null (status.op_errstr);
}

static void
test_cli_status_recorded (void)
{
  assert_cli_status ("geo-status-created-one.xml", 0, 0, "");
  /* opErrstr is not empty on success. */
  assert_cli_status ("geo-status-created-all.xml", 0, 0, "primary not found");
  assert_cli_status ("geo-stop-not-started.xml", 0, 0,
                     "geo-replication is not set up");
  assert_cli_status ("err-locked.xml", -1, 30802,
                     "Another transaction is in progress for grsb_rec_r. "
                     "Please try again after some time.");
  /* opRet may be positive, or -3. */
  assert_cli_status ("err-pause-paused.xml", 2, 30800,
                     "Geo-replication session between grsb_rec_r and "
                     "127.0.0.1::grsb_rec_s already Paused.");
  assert_cli_status (
      "geo-config-set-badvalue.xml", -3, 30800,
      "geo-replication config-set failed for grsb_rec_r 127.0.0.1::grsb_rec_s");
  assert_cli_status ("err-volinfo-novol.xml", -1, 30806,
                     "Volume does not exist");
  /* &amp; in the document. */
  assert_cli_status (
      "err-delete-paused.xml", -1, 30800,
      "geo-replication session between grsb_rec_r & 127.0.0.1::grsb_rec_s "
      "is still active. Please stop the session and retry.");
}

static void
test_cli_status_missing_fields (void)
{
  static const char data[] = "<cliOutput><opErrno></opErrno></cliOutput>";
  g_autoptr (GError) error = NULL;
  g_autoptr (xmlDoc) doc = gr_xml_read (data, strlen (data), &error);
  GrCliStatus status;

  g_assert_no_error (error);
  g_assert_true (gr_xml_cli_status (doc, &status, &error));
  g_assert_cmpint (status.op_ret, ==, 0);
  g_assert_cmpint (status.op_errno, ==, 0);
  g_assert_cmpstr (status.op_errstr, ==, "");
  gr_cli_status_clear (&status);
}

static void
assert_cli_status_fails (const char *name)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (xmlDoc) doc = gr_test_read_xml (name, &error);
  GrCliStatus status;

  g_assert_no_error (error);
  g_assert_false (gr_xml_cli_status (doc, &status, &error));
  g_assert_error (error, GR_ERROR, GR_ERROR_FAILED);
  g_assert_null (status.op_errstr);
}

static void
test_cli_status_bad (void)
{
  assert_cli_status_fails ("bad-wrong-root.xml");
  assert_cli_status_fails ("bad-opret.xml");
}

/* --- volumes --- */

static const GrVolumeInfo *
find_volume (GPtrArray *volumes, const char *name)
{
  for (guint i = 0; i < volumes->len; i++)
    {
      const GrVolumeInfo *volume = volumes->pdata[i];

      if (g_str_equal (volume->name, name))
        return volume;
    }
  g_error ("no volume %s", name);
}

static void
assert_volume (const GrVolumeInfo *volume,
               const char *type,
               const char *status,
               guint replica,
               guint disperse,
               guint bricks)
{
  g_assert_cmpstr (volume->type, ==, type);
  g_assert_cmpstr (volume->status, ==, status);
  g_assert_cmpuint (volume->replica_count, ==, replica);
  g_assert_cmpuint (volume->disperse_count, ==, disperse);
  g_assert_cmpuint (volume->brick_count, ==, bricks);
  g_assert_cmpuint (volume->bricks->len, ==, bricks);
}

static void
test_volume_info_all (void)
{
  g_autoptr (xmlDoc) doc = load ("volume-info-all.xml");
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) volumes = gr_xml_parse_volume_info (doc, &error);
  const GrVolumeInfo *r;

  g_assert_no_error (error);
  g_assert_cmpuint (volumes->len, ==, 6);
  assert_volume (find_volume (volumes, "grsb_rec_d"), "Disperse", "Created", 1,
                 3, 3);
  assert_volume (find_volume (volumes, "grsb_rec_p"), "Distribute", "Started",
                 1, 0, 2);
  assert_volume (find_volume (volumes, "grsb_rec_r3"), "Replicate", "Created",
                 3, 0, 3);
  assert_volume (find_volume (volumes, "grsb_rec_s"), "Distribute", "Stopped",
                 1, 0, 1);
  r = find_volume (volumes, "grsb_rec_r");
  assert_volume (r, "Replicate", "Started", 2, 0, 2);
  /* Only the brick's name, not the text of its other children. */
  g_assert_cmpstr (r->bricks->pdata[0], ==, "vm:/tmp/grsb_rec/bricks/r1");
  g_assert_cmpstr (r->bricks->pdata[1], ==, "vm:/tmp/grsb_rec/bricks/r2");
}

static GPtrArray *
parse_volumes (const char *name)
{
  g_autoptr (xmlDoc) doc = load (name);
  g_autoptr (GError) error = NULL;
  GPtrArray *volumes = gr_xml_parse_volume_info (doc, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (volumes->len, ==, 1);
  return volumes;
}

static void
test_volume_info_one (void)
{
  g_autoptr (GPtrArray) distribute =
      parse_volumes ("volume-info-distribute.xml");
  g_autoptr (GPtrArray) replica2 = parse_volumes ("volume-info-replica2.xml");
  g_autoptr (GPtrArray) replica3 = parse_volumes ("volume-info-replica3.xml");
  g_autoptr (GPtrArray) dist_rep =
      parse_volumes ("volume-info-distributed-replicate.xml");
  const GrVolumeInfo *volume = dist_rep->pdata[0];

  assert_volume (distribute->pdata[0], "Distribute", "Started", 1, 0, 2);
  assert_volume (replica2->pdata[0], "Replicate", "Started", 2, 0, 2);
  assert_volume (replica3->pdata[0], "Replicate", "Created", 3, 0, 3);
  assert_volume (volume, "Distributed-Replicate", "Created", 2, 0, 4);
  g_assert_cmpstr (volume->name, ==, "grsb_rec_dr");
  g_assert_cmpstr (volume->bricks->pdata[3], ==, "vm:/tmp/grsb_rec/bricks/dr4");
}

static void
test_volume_info_errors (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (xmlDoc) missing =
      gr_test_read_xml ("err-volinfo-novol.xml", &error);
  g_autoptr (GPtrArray) none = gr_xml_parse_volume_info (missing, &error);
  g_autoptr (xmlDoc) other = load ("volume-list.xml");
  g_autoptr (GPtrArray) wrong = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (none->len, ==, 0);
  wrong = gr_xml_parse_volume_info (other, &error);
  g_assert_null (wrong);
  g_assert_error (error, GR_ERROR, GR_ERROR_FAILED);
}

static void
test_volume_list (void)
{
  g_autoptr (xmlDoc) doc = load ("volume-list.xml");
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) names = gr_xml_parse_volume_list (doc, &error);
  g_autoptr (xmlDoc) other = load ("volume-info-all.xml");
  g_autoptr (GPtrArray) wrong = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (names->len, ==, 6);
  g_assert_cmpstr (names->pdata[0], ==, "grsb_rec_d");
  g_assert_cmpstr (names->pdata[5], ==, "grsb_rec_s2");
  wrong = gr_xml_parse_volume_list (other, &error);
  g_assert_null (wrong);
  g_assert_error (error, GR_ERROR, GR_ERROR_FAILED);
}

static void
test_volume_list_unusable_name (void)
{
  static const char data[] =
      "<cliOutput><opRet>0</opRet><volList><count>2</count>"
      "<volume>-rf</volume><volume>good</volume></volList></cliOutput>";
  g_autoptr (GError) error = NULL;
  g_autoptr (xmlDoc) doc = gr_xml_read (data, strlen (data), &error);
  g_autoptr (GPtrArray) names = NULL;

  g_test_expect_message ("georepd", G_LOG_LEVEL_WARNING, "*unusable name*");
  names = gr_xml_parse_volume_list (doc, &error);
  g_test_assert_expected_messages ();
  g_assert_no_error (error);
  g_assert_cmpuint (names->len, ==, 1);
  g_assert_cmpstr (names->pdata[0], ==, "good");
}

/* --- geo-replication status --- */

static GPtrArray *
parse_status (const char *name)
{
  g_autoptr (xmlDoc) doc = load (name);
  g_autoptr (GError) error = NULL;
  GPtrArray *sessions = gr_xml_parse_geo_status (doc, &error);

  g_assert_no_error (error);
  g_assert_nonnull (sessions);
  return sessions;
}

static void
assert_session (const GrSessionStatus *session,
                const char *primary,
                const char *user,
                const char *host,
                const char *secondary,
                guint workers)
{
  g_assert_cmpstr (session->primary_volume, ==, primary);
  g_assert_cmpstr (session->secondary_user, ==, user);
  g_assert_cmpstr (session->secondary_host, ==, host);
  g_assert_cmpstr (session->secondary_volume, ==, secondary);
  g_assert_cmpuint (session->workers->len, ==, workers);
}

/* A worker that reports nothing but its state: Created, Passive, ... */
static void
assert_idle_worker (const GrWorker *worker,
                    const char *brick,
                    const char *status)
{
  g_assert_cmpstr (worker->primary_node, ==, "vm");
  g_assert_cmpstr (worker->primary_node_uuid, ==, NODE_UUID);
  g_assert_cmpstr (worker->primary_brick, ==, brick);
  g_assert_cmpstr (worker->secondary_node, ==, "");
  g_assert_cmpstr (worker->status, ==, status);
  g_assert_cmpstr (worker->crawl_status, ==, "N/A");
  g_assert_cmpuint (
      worker->entry + worker->data + worker->meta + worker->failures, ==, 0);
  g_assert_cmpuint (worker->last_synced, ==, 0);
  g_assert_cmpuint (worker->checkpoint_time, ==, 0);
  g_assert_cmpuint (worker->checkpoint_completion_time, ==, 0);
  g_assert_false (worker->checkpoint_completed);
}

static void
test_status_created (void)
{
  g_autoptr (GPtrArray) sessions = parse_status ("geo-status-created-all.xml");
  const GrSessionStatus *p, *r;

  g_assert_cmpuint (sessions->len, ==, 2);
  p = sessions->pdata[0];
  r = sessions->pdata[1];
  assert_session (p, "grsb_rec_p", "root", "127.0.0.1", "grsb_rec_s2", 2);
  assert_session (r, "grsb_rec_r", "root", "127.0.0.1", "grsb_rec_s", 2);
  assert_idle_worker (p->workers->pdata[0], "/tmp/grsb_rec/bricks/p1",
                      "Created");
  assert_idle_worker (p->workers->pdata[1], "/tmp/grsb_rec/bricks/p2",
                      "Created");
  assert_idle_worker (r->workers->pdata[1], "/tmp/grsb_rec/bricks/r2",
                      "Created");
  g_ptr_array_unref (sessions);
  /* The same session asked for alone. */
  sessions = parse_status ("geo-status-created-one.xml");
  g_assert_cmpuint (sessions->len, ==, 1);
  assert_session (sessions->pdata[0], "grsb_rec_p", "root", "127.0.0.1",
                  "grsb_rec_s2", 2);
}

static void
assert_active_worker (const GrWorker *worker,
                      const char *crawl,
                      guint64 completion)
{
  g_assert_cmpstr (worker->status, ==, "Active");
  g_assert_cmpstr (worker->crawl_status, ==, crawl);
  g_assert_cmpstr (worker->secondary_node, ==, "");
  g_assert_cmpuint (worker->last_synced, ==, LAST_SYNCED);
  g_assert_cmpuint (worker->checkpoint_time, ==, CHECKPOINT_TIME);
  g_assert_cmpuint (worker->checkpoint_completion_time, ==, completion);
  g_assert_true (worker->checkpoint_completed);
}

static void
test_status_active_passive (void)
{
  g_autoptr (GPtrArray) sessions =
      parse_status ("geo-status-active-passive-one.xml");
  const GrSessionStatus *session = sessions->pdata[0];

  g_assert_cmpuint (sessions->len, ==, 1);
  assert_session (session, "grsb_rec_r", "root", "127.0.0.1", "grsb_rec_s", 2);
  assert_idle_worker (session->workers->pdata[0], "/tmp/grsb_rec/bricks/r1",
                      "Passive");
  assert_active_worker (session->workers->pdata[1], "History Crawl",
                        COMPLETION_TIME);
}

static void
test_status_checkpoint (void)
{
  g_autoptr (GPtrArray) pending =
      parse_status ("geo-status-checkpoint-pending.xml");
  g_autoptr (GPtrArray) done = parse_status ("geo-status-checkpoint-done.xml");
  const GrSessionStatus *session = pending->pdata[0];
  const GrWorker *worker = session->workers->pdata[0];

  g_assert_cmpstr (worker->status, ==, "Active");
  g_assert_false (worker->checkpoint_completed);
  g_assert_cmpuint (worker->checkpoint_time, ==, CHECKPOINT_TIME);
  g_assert_cmpuint (worker->checkpoint_completion_time, ==, 0);
  g_assert_cmpuint (worker->last_synced, ==, LAST_SYNCED - 112);
  session = done->pdata[0];
  assert_active_worker (session->workers->pdata[0], "Changelog Crawl",
                        COMPLETION_TIME + 1);
  assert_active_worker (session->workers->pdata[1], "Changelog Crawl",
                        COMPLETION_TIME);
}

static void
assert_worker_states (const char *name, const char *status)
{
  g_autoptr (GPtrArray) sessions = parse_status (name);
  const GrSessionStatus *session = sessions->pdata[0];

  g_assert_cmpuint (sessions->len, ==, 1);
  assert_session (session, "grsb_rec_r", "root", "127.0.0.1", "grsb_rec_s", 2);
  for (guint i = 0; i < session->workers->len; i++)
    assert_idle_worker (
        session->workers->pdata[i],
        i ? "/tmp/grsb_rec/bricks/r2" : "/tmp/grsb_rec/bricks/r1", status);
}

static void
test_status_states (void)
{
  assert_worker_states ("geo-status-faulty-one.xml", "Faulty");
  assert_worker_states ("geo-status-paused-one.xml", "Paused");
  assert_worker_states ("geo-status-stopped-one.xml", "Stopped");
}

static void
assert_same_worker (const GrWorker *a, const GrWorker *b)
{
  g_assert_cmpstr (a->primary_node, ==, b->primary_node);
  g_assert_cmpstr (a->primary_node_uuid, ==, b->primary_node_uuid);
  g_assert_cmpstr (a->primary_brick, ==, b->primary_brick);
  g_assert_cmpstr (a->secondary_node, ==, b->secondary_node);
  g_assert_cmpstr (a->status, ==, b->status);
  g_assert_cmpstr (a->crawl_status, ==, b->crawl_status);
  g_assert_cmpuint (a->last_synced, ==, b->last_synced);
  g_assert_cmpuint (a->entry + a->data + a->meta + a->failures, ==,
                    b->entry + b->data + b->meta + b->failures);
  g_assert_cmpuint (a->checkpoint_time, ==, b->checkpoint_time);
  g_assert_cmpuint (a->checkpoint_completion_time, ==,
                    b->checkpoint_completion_time);
  g_assert_cmpint (a->checkpoint_completed, ==, b->checkpoint_completed);
}

/* Gluster <= 9 names, same meaning. */
static void
test_status_v9 (void)
{
  const char *pairs[][2] = {
    { "geo-status-active-passive-all.xml",
      "v9-geo-status-active-passive-all.xml" },
    { "geo-status-created-one.xml", "v9-geo-status-created-one.xml" },
  };

  for (gsize n = 0; n < G_N_ELEMENTS (pairs); n++)
    {
      g_autoptr (GPtrArray) v10 = parse_status (pairs[n][0]);
      g_autoptr (GPtrArray) v9 = parse_status (pairs[n][1]);

      g_assert_cmpuint (v9->len, ==, v10->len);
      for (guint i = 0; i < v10->len; i++)
        {
          const GrSessionStatus *a = v10->pdata[i], *b = v9->pdata[i];

          assert_session (b, a->primary_volume, a->secondary_user,
                          a->secondary_host, a->secondary_volume,
                          a->workers->len);
          for (guint w = 0; w < a->workers->len; w++)
            assert_same_worker (a->workers->pdata[w], b->workers->pdata[w]);
        }
    }
}

static void
test_status_ipv6 (void)
{
  g_autoptr (GPtrArray) ipv6 = parse_status ("hand-geo-status-ipv6.xml");
  g_autoptr (GPtrArray) by_url = parse_status ("hand-geo-status-pair-url.xml");

  g_assert_cmpuint (ipv6->len, ==, 1);
  assert_session (ipv6->pdata[0], "grsb_rec_r", "geoaccount", "fd00:1::10",
                  "grsb_rec_s", 2);
  /* No session_secondary: the pair's URL, with a host ending in "::". */
  g_assert_cmpuint (by_url->len, ==, 2);
  assert_session (by_url->pdata[0], "grsb_rec_r", "root", "127.0.0.1",
                  "grsb_rec_s", 2);
  assert_session (by_url->pdata[1], "grsb_rec_r", "root",
                  "fd00::", "grsb_rec_s3", 2);
}

static void
test_status_split_session (void)
{
  g_autoptr (GPtrArray) sessions =
      parse_status ("hand-geo-status-split-session.xml");
  const GrSessionStatus *session = sessions->pdata[0];
  const GrWorker *second;

  g_assert_cmpuint (sessions->len, ==, 1);
  assert_session (session, "grsb_rec_r", "root", "127.0.0.1", "grsb_rec_s", 2);
  second = session->workers->pdata[1];
  g_assert_cmpstr (second->primary_node, ==, "vm2");
  g_assert_cmpstr (second->status, ==, "Active");
}

static void
test_status_wrong_document (void)
{
  g_autoptr (xmlDoc) doc = load ("volume-list.xml");
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) sessions = gr_xml_parse_geo_status (doc, &error);
  g_autoptr (xmlDoc) started = load ("geo-start.xml");
  g_autoptr (GPtrArray) none = NULL;

  g_assert_null (sessions);
  g_assert_error (error, GR_ERROR, GR_ERROR_FAILED);
  g_clear_error (&error);
  /* <geoRep> without sessions, as start and stop print it. */
  none = gr_xml_parse_geo_status (started, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (none->len, ==, 0);
}

typedef struct {
  const char *text;
  const char *user, *host, *volume;
} GrSplitCase;

static void
test_split_secondary (void)
{
  static const GrSplitCase cases[] = {
    { NODE_UUID
      ":ssh://127.0.0.1::grsb_rec_s:2aa147fd-522f-4da1-ba33-b0494ab3ac89",
      NULL, "127.0.0.1", "grsb_rec_s" },
    { NODE_UUID ":ssh://geo@fe80::1::v:2aa147fd-522f-4da1-ba33-b0494ab3ac89",
      "geo", "fe80::1", "v" },
    { "ssh://host.example.com::vol", NULL, "host.example.com", "vol" },
    { "geo@[2001:db8::5]::vol", "geo", "2001:db8::5", "vol" },
    { "host::2aa147fd-522f-4da1-ba33-b0494ab3ac89", NULL, "host",
      "2aa147fd-522f-4da1-ba33-b0494ab3ac89" },
    { NODE_UUID ":host::vol", NULL, "host", "vol" },
    { "host", NULL, NULL, NULL },
    { "::vol", NULL, NULL, NULL },
    { "host::", NULL, NULL, NULL },
    { "@host::vol", NULL, NULL, NULL },
    { "-oProxyCommand=x::vol", NULL, NULL, NULL },
    { "host::-vol", NULL, NULL, NULL },
    { "host::v@l", NULL, NULL, NULL },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *user = NULL, *host = NULL, *volume = NULL;
      gboolean ok =
          gr_xml_split_secondary (cases[i].text, &user, &host, &volume);

      g_test_message ("%s", cases[i].text);
      g_assert_cmpint (ok, ==, cases[i].host != NULL);
      g_assert_cmpstr (user, ==, cases[i].user);
      g_assert_cmpstr (host, ==, cases[i].host);
      g_assert_cmpstr (volume, ==, cases[i].volume);
    }
}

/* --- config --- */

static GHashTable *
parse_config (const char *name)
{
  g_autoptr (xmlDoc) doc = load (name);
  g_autoptr (GError) error = NULL;
  GHashTable *config = gr_xml_parse_config (doc, &error);

  g_assert_no_error (error);
  g_assert_nonnull (config);
  return config;
}

static void
test_config_recorded (void)
{
  g_autoptr (GHashTable) config = parse_config ("geo-config-started.xml");
  GHashTableIter iter;
  const char *key;

  g_assert_cmpuint (g_hash_table_size (config), ==, 67);
  g_assert_cmpstr (g_hash_table_lookup (config, "ssh-port"), ==, "2299");
  g_assert_cmpstr (g_hash_table_lookup (config, "use-meta-volume"), ==, "true");
  g_assert_cmpstr (g_hash_table_lookup (config, "meta-volume-mnt"), ==,
                   "/tmp/grsb_rec/meta");
  g_assert_cmpstr (g_hash_table_lookup (config, "gluster-params"), ==,
                   "aux-gfid-mount acl");
  g_assert_cmpstr (g_hash_table_lookup (config, "rsync-options"), ==, "");
  g_assert_cmpstr (g_hash_table_lookup (config, "checkpoint"), ==,
                   "1795649558");
  g_assert_cmpstr (g_hash_table_lookup (config, "isolated-secondarys"), ==, "");
  g_assert_null (g_hash_table_lookup (config, "primary-bricks"));
  g_hash_table_iter_init (&iter, config);
  while (g_hash_table_iter_next (&iter, (gpointer *) &key, NULL))
    g_assert_null (strchr (key, '_'));
}

static void
test_config_one_key (void)
{
  g_autoptr (GHashTable) config = parse_config ("geo-config-get-one.xml");

  g_assert_cmpuint (g_hash_table_size (config), ==, 1);
  g_assert_cmpstr (g_hash_table_lookup (config, "ssh-port"), ==, "2299");
}

static void
test_config_v9 (void)
{
  g_autoptr (GHashTable) config = parse_config ("v9-geo-config.xml");

  g_assert_cmpuint (g_hash_table_size (config), ==, 67);
  g_assert_cmpstr (g_hash_table_lookup (config, "slave-timeout"), ==, "120");
  g_assert_cmpstr (g_hash_table_lookup (config, "master-replica-count"), ==,
                   "1");
  g_assert_cmpstr (g_hash_table_lookup (config, "slave-gluster-command-dir"),
                   ==, "/usr/sbin");
}

static void
test_config_wrong_document (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (xmlDoc) locked = gr_test_read_xml ("err-locked.xml", &error);
  g_autoptr (GHashTable) config = gr_xml_parse_config (locked, &error);

  g_assert_null (config);
  g_assert_error (error, GR_ERROR, GR_ERROR_FAILED);
}

/* --- scalars --- */

static void
test_time (void)
{
  g_assert_cmpuint (gr_xml_parse_time ("2026-11-25 23:32:40"), ==, LAST_SYNCED);
  g_assert_cmpuint (gr_xml_parse_time ("2000-02-29 12:00:00"), ==, 951825600);
  g_assert_cmpuint (gr_xml_parse_time ("1970-01-01 00:00:00"), ==, 0);
  g_assert_cmpuint (gr_xml_parse_time ("N/A"), ==, 0);
  g_assert_cmpuint (gr_xml_parse_time (""), ==, 0);
  g_assert_cmpuint (gr_xml_parse_time (NULL), ==, 0);
  g_assert_cmpuint (gr_xml_parse_time ("2026-13-25 23:32:40"), ==, 0);
  g_assert_cmpuint (gr_xml_parse_time ("2026-11-25 23:32:40Z"), ==, 0);
  g_assert_cmpuint (gr_xml_parse_time ("2026-11-25T23:32:40"), ==, 0);
  g_assert_cmpuint (gr_xml_parse_time ("+026-11-25 23:32:40"), ==, 0);
  g_assert_cmpuint (gr_xml_parse_time ("1795649560"), ==, 0);
}

/* gsyncd prints UTC: the local time zone must not shift anything. */
static void
test_time_zone (void)
{
  g_autofree char *saved = g_strdup (g_getenv ("TZ"));

  g_setenv ("TZ", "Asia/Tokyo", TRUE);
  tzset ();
  g_assert_cmpuint (gr_xml_parse_time ("2026-11-25 23:32:40"), ==, LAST_SYNCED);
  test_status_active_passive ();
  if (saved)
    g_setenv ("TZ", saved, TRUE);
  else
    g_unsetenv ("TZ");
  tzset ();
}

static void
assert_version (const char *text, const char *expected)
{
  g_autofree char *version = gr_gluster_parse_version (text);

  g_assert_cmpstr (version, ==, expected);
}

static void
test_version (void)
{
  g_autofree char *recorded = gr_test_read_data ("gluster-version.txt", NULL);

  assert_version (recorded, "10.3");
  assert_version ("glusterfs 9.6\n", "9.6");
  assert_version ("glusterfs 11.1", "11.1");
  assert_version ("glusterfs 3.12.15\nRepository revision", "3.12.15");
  assert_version ("glusterfs 10.3;rm -rf /", NULL);
  assert_version ("glusterfs ", NULL);
  assert_version ("glusterfs v10", NULL);
  assert_version ("gluster 10.3", NULL);
  assert_version ("", NULL);
  assert_version (NULL, NULL);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/xml/read/recorded", test_read_recorded);
  g_test_add_func ("/xml/read/not-xml", test_read_not_xml);
  g_test_add_func ("/xml/read/truncated", test_read_truncated);
  g_test_add_func ("/xml/read/malformed", test_read_malformed);
  g_test_add_func ("/xml/read/doctype", test_read_doctype);
  g_test_add_func ("/xml/read/too-large", test_read_too_large);
  g_test_add_func ("/xml/cli-status/recorded", test_cli_status_recorded);
  g_test_add_func ("/xml/cli-status/missing-fields",
                   test_cli_status_missing_fields);
  g_test_add_func ("/xml/cli-status/bad", test_cli_status_bad);
  g_test_add_func ("/xml/volume-info/all", test_volume_info_all);
  g_test_add_func ("/xml/volume-info/one", test_volume_info_one);
  g_test_add_func ("/xml/volume-info/errors", test_volume_info_errors);
  g_test_add_func ("/xml/volume-list/recorded", test_volume_list);
  g_test_add_func ("/xml/volume-list/unusable-name",
                   test_volume_list_unusable_name);
  g_test_add_func ("/xml/geo-status/created", test_status_created);
  g_test_add_func ("/xml/geo-status/active-passive",
                   test_status_active_passive);
  g_test_add_func ("/xml/geo-status/checkpoint", test_status_checkpoint);
  g_test_add_func ("/xml/geo-status/states", test_status_states);
  g_test_add_func ("/xml/geo-status/v9", test_status_v9);
  g_test_add_func ("/xml/geo-status/ipv6", test_status_ipv6);
  g_test_add_func ("/xml/geo-status/split-session", test_status_split_session);
  g_test_add_func ("/xml/geo-status/wrong-document",
                   test_status_wrong_document);
  g_test_add_func ("/xml/geo-status/split-secondary", test_split_secondary);
  g_test_add_func ("/xml/config/recorded", test_config_recorded);
  g_test_add_func ("/xml/config/one-key", test_config_one_key);
  g_test_add_func ("/xml/config/v9", test_config_v9);
  g_test_add_func ("/xml/config/wrong-document", test_config_wrong_document);
  g_test_add_func ("/xml/time/utc", test_time);
  g_test_add_func ("/xml/time/zone", test_time_zone);
  g_test_add_func ("/xml/version", test_version);
  return g_test_run ();
}
