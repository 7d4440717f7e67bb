/* Unit tests: the one-pass parsers of `volume info` and `geo-replication
 * status` (the gr-xml-*.h readers), on outputs recorded from Gluster 10.3
 * (tests/data/README.md), on hand-made <= 9 and hostile variants, and
 * how gr_gluster_result_from_stream() and _from_envelope() classify what
 * gluster printed. */
#include <string.h>
#include <time.h>

#include "gr-gluster-types.h"
#include "gr-error.h"
#include "gr-gluster-result.h"
#include "gr-test-data.h"
#include "gr-xml-cli-output.h"
#include "gr-xml-geo-status.h"
#include "gr-xml-values.h"
#include "gr-xml-volume-info.h"

#define NODE_UUID "337d3f78-9d1e-4ea7-ab98-265712c93e52"

/* 2026-11-25 23:32:38/40/43 UTC */
#define CHECKPOINT_TIME 1795649558
#define LAST_SYNCED 1795649560
#define COMPLETION_TIME 1795649563

#define VOLUMES gr_xml_read_volume_info
#define SESSIONS gr_xml_read_geo_status

static const GrXmlAnswerReader parsers[] = { VOLUMES, SESSIONS };

/* A recorded answer that gluster gave with opRet 0. */
static GPtrArray *
read_ok (const char *name, GrXmlAnswerReader parser)
{
  g_autoptr (GError) error = NULL;
  GrCliStatus envelope;
  GPtrArray *result = gr_test_read_stream (name, parser, &envelope, &error);

  g_assert_no_error (error);
  g_assert_nonnull (result);
  g_assert_cmpint (envelope.op_ret, ==, 0);
  gr_cli_status_clear (&envelope);
  return result;
}

static GPtrArray *
parse_text (const char *text, GrXmlAnswerReader parser)
{
  g_autoptr (GError) error = NULL;
  GPtrArray *result = parser (text, strlen (text), NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (result);
  return result;
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
  g_autoptr (GPtrArray) volumes = read_ok ("volume-info-all.xml", VOLUMES);
  const GrVolumeInfo *r;

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
  GPtrArray *volumes = read_ok (name, VOLUMES);

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
  GrCliStatus envelope;
  g_autoptr (GPtrArray) none =
      gr_test_read_stream ("err-volinfo-novol.xml", VOLUMES, &envelope, &error);
  g_autoptr (GPtrArray) wrong = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (none->len, ==, 0);
  g_assert_cmpint (envelope.op_ret, ==, -1);
  g_assert_cmpint (envelope.op_errno, ==, 30806);
  g_assert_cmpstr (envelope.op_errstr, ==, "Volume does not exist");
  gr_cli_status_clear (&envelope);
  /* opRet 0 without <volInfo>: another command's answer. */
  wrong = gr_test_read_stream ("volume-list.xml", VOLUMES, &envelope, &error);
  g_assert_null (wrong);
  g_assert_error (error, GR_ERROR, GR_ERROR_FAILED);
  g_assert_null (envelope.op_errstr);
}

/* --- geo-replication status --- */

static GPtrArray *
parse_status (const char *name)
{
  return read_ok (name, SESSIONS);
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
  g_assert_cmpstr (gr_worker_status_to_string (worker->status), ==, status);
  g_assert_cmpint (worker->crawl_status, ==, GR_CRAWL_STATUS_NONE);
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
  g_assert_cmpint (worker->status, ==, GR_WORKER_STATUS_ACTIVE);
  g_assert_cmpstr (gr_crawl_status_to_string (worker->crawl_status), ==, crawl);
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

  g_assert_cmpint (worker->status, ==, GR_WORKER_STATUS_ACTIVE);
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
  g_assert_cmpint (a->status, ==, b->status);
  g_assert_cmpint (a->crawl_status, ==, b->crawl_status);
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
  g_assert_cmpint (second->status, ==, GR_WORKER_STATUS_ACTIVE);
}

static void
test_status_wrong_document (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) sessions =
      gr_test_read_stream ("volume-list.xml", SESSIONS, NULL, &error);
  g_autoptr (GPtrArray) none = NULL;

  g_assert_null (sessions);
  g_assert_error (error, GR_ERROR, GR_ERROR_FAILED);
  g_clear_error (&error);
  /* <geoRep> without sessions, as start and stop print it. */
  none = parse_status ("geo-start.xml");
  g_assert_cmpuint (none->len, ==, 0);
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

static const GrSessionStatus *
find_session (GPtrArray *sessions, const char *primary)
{
  for (guint i = 0; i < sessions->len; i++)
    {
      const GrSessionStatus *session = sessions->pdata[i];

      if (g_str_equal (session->primary_volume, primary))
        return session;
    }
  g_error ("no session of %s", primary);
}

/* Every recorded status, and each session asked for alone is the same
 * as in the answer for all. */
static void
test_status_recorded (void)
{
  static const char *const states[] = {
    "active", "active-passive", "created", "faulty", "stopped",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (states); i++)
    {
      g_autofree char *all_name =
          g_strdup_printf ("geo-status-%s-all.xml", states[i]);
      g_autofree char *one_name =
          g_strdup_printf ("geo-status-%s-one.xml", states[i]);
      g_autoptr (GPtrArray) all = parse_status (all_name);
      g_autoptr (GPtrArray) one = parse_status (one_name);
      const GrSessionStatus *alone = one->pdata[0];
      const GrSessionStatus *listed = find_session (all, alone->primary_volume);

      g_assert_cmpuint (all->len, ==, 2);
      g_assert_cmpuint (one->len, ==, 1);
      assert_session (listed, alone->primary_volume, alone->secondary_user,
                      alone->secondary_host, alone->secondary_volume,
                      alone->workers->len);
      g_assert_true (gr_workers_equal (listed->workers, alone->workers));
    }
}

/* Values are taken by their path and the first of a name counts, as the
 * DOM parsers read them; text and CDATA join up, white space around
 * goes. */
static void
test_volume_info_paths (void)
{
  static const char data[] =
      "<cliOutput><opRet>0</opRet><volInfo><volumes><volume>"
      "<options><option><name>opt.name</name></option></options>"
      "<bricks>"
      "<brick>h1:/b1<name>h1:/b1</name><hostUuid>u</hostUuid></brick>"
      "<brick> h2:/b2 <hostUuid>u</hostUuid></brick>"
      "<brick>h0:/b0<name>-bad</name></brick>"
      "<brick><![CDATA[h3:/b3]]></brick>"
      "</bricks><bricks><brick>h9:/b9</brick></bricks>"
      "<name> <![CDATA[vol]]>1 </name><name>other</name>"
      "<typeStr>Distribute</typeStr><brickCount>N/A</brickCount>"
      "</volume><volume><name>bad name</name></volume>"
      "</volumes></volInfo></cliOutput>";
  g_autoptr (GPtrArray) volumes = NULL;
  const GrVolumeInfo *volume;

  g_test_expect_message ("georepd", G_LOG_LEVEL_WARNING,
                         "*brick with an unusable name*");
  g_test_expect_message ("georepd", G_LOG_LEVEL_WARNING, "*unusable name*");
  volumes = parse_text (data, VOLUMES);
  g_test_assert_expected_messages ();
  g_assert_cmpuint (volumes->len, ==, 1);
  volume = volumes->pdata[0];
  g_assert_cmpstr (volume->name, ==, "vol1");
  assert_volume (volume, "Distribute", "", 0, 0, 3);
  g_assert_cmpstr (volume->bricks->pdata[0], ==, "h1:/b1");
  g_assert_cmpstr (volume->bricks->pdata[1], ==, "h2:/b2");
  g_assert_cmpstr (volume->bricks->pdata[2], ==, "h3:/b3");
}

/* Names that would lead out of a path are dropped, each with a warning
 * (issue 14, defect 5): they are held to the rules for caller input
 * (common/gr-validate.h). */
static void
test_volume_info_bad_names (void)
{
  g_autoptr (GPtrArray) volumes = NULL;
  const GrVolumeInfo *volume;

  g_test_expect_message ("georepd", G_LOG_LEVEL_WARNING, "*unusable name*");
  g_test_expect_message ("georepd", G_LOG_LEVEL_WARNING, "*unusable name*");
  for (int i = 0; i < 3; i++)
    g_test_expect_message ("georepd", G_LOG_LEVEL_WARNING,
                           "*brick with an unusable name*");
  volumes = read_ok ("hand-volume-info-bad-names.xml", VOLUMES);
  g_test_assert_expected_messages ();
  g_assert_cmpuint (volumes->len, ==, 1);
  volume = volumes->pdata[0];
  g_assert_cmpstr (volume->name, ==, "grsb_rec_p");
  g_assert_cmpuint (volume->bricks->len, ==, 2);
  g_assert_cmpstr (volume->bricks->pdata[0], ==, "vm:/tmp/b1");
  g_assert_cmpstr (volume->bricks->pdata[1], ==, "[fd00::1]:/tmp/b5");
}

/* The new name wins over the old one wherever it stands; a volume's
 * name may follow its sessions; only the first pair names the
 * secondary. */
static void
test_status_paths (void)
{
  static const char data[] =
      "<cliOutput><opRet>0</opRet><geoRep><volume><sessions><session>"
      "<pair><master_node>old</master_node><primary_node>new</primary_node>"
      "<slave>h::s</slave><secondary_user>geo</secondary_user>"
      "<status>Active</status><status>Second</status><entry>12</entry>"
      "<secondary_node>N/A</secondary_node></pair>"
      "<pair><primary_node>n2</primary_node><slave_node>s2</slave_node>"
      "<secondary>other::x</secondary><slave_user>x</slave_user></pair>"
      "</session><session><pair><primary_node>n3</primary_node></pair>"
      "</session></sessions><name>pv</name></volume>"
      "<volume><name>-x</name><sessions><session>"
      "<session_secondary>h::s</session_secondary></session></sessions>"
      "</volume></geoRep></cliOutput>";
  g_autoptr (GPtrArray) sessions = NULL;
  const GrSessionStatus *session;
  const GrWorker *first, *second;

  g_test_expect_message ("georepd", G_LOG_LEVEL_WARNING,
                         "*of pv without a usable secondary*");
  g_test_expect_message ("georepd", G_LOG_LEVEL_WARNING, "*unusable name*");
  sessions = parse_text (data, SESSIONS);
  g_test_assert_expected_messages ();
  g_assert_cmpuint (sessions->len, ==, 1);
  session = sessions->pdata[0];
  assert_session (session, "pv", "geo", "h", "s", 2);
  first = session->workers->pdata[0];
  second = session->workers->pdata[1];
  g_assert_cmpstr (first->primary_node, ==, "new");
  g_assert_cmpint (first->status, ==, GR_WORKER_STATUS_ACTIVE);
  g_assert_cmpuint (first->entry, ==, 12);
  g_assert_cmpstr (first->secondary_node, ==, "");
  g_assert_cmpstr (second->primary_node, ==, "n2");
  g_assert_cmpstr (second->secondary_node, ==, "s2");
  g_assert_cmpint (second->status, ==, GR_WORKER_STATUS_UNKNOWN);
  g_assert_cmpstr (second->primary_node_uuid, ==, "");
}

/* A secondary volume "../../etc", a host "../x", a user "a/b" in the
 * URL or "../root" in the pair, primary volumes "a/b" and "..": each
 * session is dropped with a warning; the good one stays. */
static void
test_status_bad_names (void)
{
  g_autoptr (GPtrArray) sessions = NULL;

  for (int i = 0; i < 4; i++)
    g_test_expect_message ("georepd", G_LOG_LEVEL_WARNING,
                           "*of grsb_rec_r without a usable secondary*");
  g_test_expect_message ("georepd", G_LOG_LEVEL_WARNING, "*unusable name*");
  g_test_expect_message ("georepd", G_LOG_LEVEL_WARNING, "*unusable name*");
  sessions = read_ok ("hand-geo-status-bad-names.xml", SESSIONS);
  g_test_assert_expected_messages ();
  g_assert_cmpuint (sessions->len, ==, 1);
  assert_session (sessions->pdata[0], "grsb_rec_r", "root", "127.0.0.1",
                  "grsb_rec_s", 1);
}

/* --- the cliOutput envelope --- */

static void
assert_envelope (const char *name,
                 GrXmlAnswerReader parser,
                 int op_ret,
                 int op_errno,
                 const char *op_errstr)
{
  g_autoptr (GError) error = NULL;
  GrCliStatus envelope;
  g_autoptr (GPtrArray) result =
      gr_test_read_stream (name, parser, &envelope, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (result->len, ==, 0);
  g_assert_cmpint (envelope.op_ret, ==, op_ret);
  g_assert_cmpint (envelope.op_errno, ==, op_errno);
  g_assert_cmpstr (envelope.op_errstr, ==, op_errstr);
  gr_cli_status_clear (&envelope);
}

static void
test_envelope_failed (void)
{
  assert_envelope ("err-locked.xml", SESSIONS, -1, 30802,
                   "Another transaction is in progress for grsb_rec_r. "
                   "Please try again after some time.");
  assert_envelope ("err-pause-paused.xml", SESSIONS, 2, 30800,
                   "Geo-replication session between grsb_rec_r and "
                   "127.0.0.1::grsb_rec_s already Paused.");
  /* &amp; in the document; no <geoRep> at all. */
  assert_envelope (
      "err-delete-paused.xml", SESSIONS, -1, 30800,
      "geo-replication session between grsb_rec_r & 127.0.0.1::grsb_rec_s "
      "is still active. Please stop the session and retry.");
  assert_envelope ("err-volinfo-novol.xml", VOLUMES, -1, 30806,
                   "Volume does not exist");
  /* opErrstr is not empty on success. */
  assert_envelope ("geo-start.xml", SESSIONS, 0, 0, "");
}

static void
test_envelope_missing_fields (void)
{
  static const char data[] =
      "<cliOutput><opErrno></opErrno><geoRep/><volInfo/></cliOutput>";

  for (gsize i = 0; i < G_N_ELEMENTS (parsers); i++)
    {
      g_autoptr (GError) error = NULL;
      GrCliStatus envelope;
      g_autoptr (GPtrArray) result =
          parsers[i](data, strlen (data), &envelope, &error);

      g_assert_no_error (error);
      g_assert_cmpuint (result->len, ==, 0);
      g_assert_cmpint (envelope.op_ret, ==, 0);
      g_assert_cmpint (envelope.op_errno, ==, 0);
      g_assert_cmpstr (envelope.op_errstr, ==, "");
      gr_cli_status_clear (&envelope);
    }
}

/* --- hostile or broken input --- */

static void
assert_refused (const char *data, gsize len, const char *message_part)
{
  for (gsize i = 0; i < G_N_ELEMENTS (parsers); i++)
    {
      g_autoptr (GError) error = NULL;
      GrCliStatus envelope = { 1, 1, NULL };
      gpointer result = parsers[i](data, len, &envelope, &error);

      g_assert_null (result);
      g_assert_error (error, GR_ERROR, GR_ERROR_FAILED);
      if (strstr (error->message, message_part) == NULL)
        g_error ("'%s' does not say '%s'", error->message, message_part);
      g_assert_null (envelope.op_errstr);
      g_assert_cmpint (envelope.op_ret, ==, 0);
    }
}

static void
assert_file_refused (const char *name, const char *message_part)
{
  gsize len;
  g_autofree char *data = gr_test_read_data (name, &len);

  assert_refused (data, len, message_part);
}

static void
test_refuse_doctype (void)
{
  gint64 start = g_get_monotonic_time ();

  /* Billion laughs among them: refused before an entity is declared. */
  gr_test_refuse (GR_TEST_DOCTYPE, assert_refused);
  g_assert_cmpint (g_get_monotonic_time () - start, <, G_USEC_PER_SEC);
}

static void
test_refuse_truncated (void)
{
  gr_test_refuse (GR_TEST_TRUNCATED, assert_refused);
}

/* Besides what the DOM reader refuses, what gr_xml_cli_status() does. */
static void
test_refuse_malformed (void)
{
  gr_test_refuse (GR_TEST_MALFORMED, assert_refused);
  assert_file_refused ("bad-wrong-root.xml", "root element is not <cliOutput>");
  assert_file_refused ("bad-opret.xml", "<opRet> is not a number");
  assert_refused ("<a>", 3, "root element is not <cliOutput>");
}

static void
test_refuse_not_xml (void)
{
  gr_test_refuse (GR_TEST_NOT_XML, assert_refused);
}

static void
test_refuse_too_large (void)
{
  gr_test_refuse (GR_TEST_TOO_LARGE, assert_refused);
}

/* libxml2 stops at 256 levels too; the reader's own bound holds
 * whatever the libxml2 version. Within it, depth is no error. */
static void
test_refuse_deep (void)
{
  g_autoptr (GString) deep = g_string_new ("<cliOutput><geoRep/><volInfo>");
  g_autoptr (GString) bounded = NULL;
  g_autoptr (GPtrArray) volumes = NULL;
  g_autoptr (GPtrArray) sessions = NULL;

  for (int i = 0; i < 200; i++)
    g_string_append (deep, "<a>");
  for (int i = 0; i < 200; i++)
    g_string_append (deep, "</a>");
  g_string_append (deep, "</volInfo></cliOutput>");
  volumes = parse_text (deep->str, VOLUMES);
  sessions = parse_text (deep->str, SESSIONS);
  g_assert_cmpuint (volumes->len, ==, 0);
  g_assert_cmpuint (sessions->len, ==, 0);

  bounded = g_string_new ("<cliOutput>");
  for (int i = 0; i < 100000; i++)
    g_string_append (bounded, "<a>");
  assert_refused (bounded->str, bounded->len, "nested too deep");
}

/* gluster uses no namespace: a prefixed name is not the name without
 * its prefix, and an undeclared prefix is malformed XML. */
static void
test_namespaces (void)
{
  static const char data[] =
      "<cliOutput xmlns:x='urn:x'><opRet>0</opRet><geoRep/><volInfo>"
      "<volumes><volume><x:name>a</x:name><name>b</name></volume>"
      "<x:volume><name>c</name></x:volume></volumes></volInfo></cliOutput>";
  static const char prefixed_root[] =
      "<x:cliOutput xmlns:x='urn:x'><opRet>0</opRet></x:cliOutput>";
  static const char undeclared[] =
      "<cliOutput><x:opRet>0</x:opRet></cliOutput>";
  g_autoptr (GPtrArray) volumes = parse_text (data, VOLUMES);

  g_assert_cmpuint (volumes->len, ==, 1);
  g_assert_cmpstr (((GrVolumeInfo *) volumes->pdata[0])->name, ==, "b");
  assert_refused (prefixed_root, strlen (prefixed_root),
                  "root element is not <cliOutput>");
  assert_refused (undeclared, strlen (undeclared), "malformed XML at line 1");
}

/* libxml2 says nothing on stderr, whatever the input. */
static void
test_refuse_silently (void)
{
  if (g_test_subprocess ())
    {
      gr_test_refuse (GR_TEST_NOT_XML, assert_refused);
      gr_test_refuse (GR_TEST_TRUNCATED, assert_refused);
      gr_test_refuse (GR_TEST_MALFORMED, assert_refused);
      gr_test_refuse (GR_TEST_DOCTYPE, assert_refused);
      return;
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  g_test_trap_assert_stderr ("");
}

/* --- classification of a whole gluster run --- */

static GrGlusterOutcome
classify (const char *name, int exit_status, GPtrArray **result, GError **error)
{
  gsize len;
  g_autofree char *data = gr_test_read_data (name, &len);

  *result = NULL;
  return gr_gluster_result_from_stream (data, len, exit_status, SESSIONS,
                                        (GDestroyNotify) g_ptr_array_unref,
                                        (gpointer *) result, error);
}

static void
assert_failed (const char *name, int exit_status, int code)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) result = NULL;

  g_assert_cmpint (classify (name, exit_status, &result, &error), ==,
                   GR_GLUSTER_OUTCOME_FAILED);
  g_assert_error (error, GR_ERROR, code);
  g_assert_null (result);
}

static void
test_result_ok_and_retry (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) sessions = NULL;
  g_autoptr (GPtrArray) locked = NULL;
  static const char busy[] =
      "<cliOutput><opRet>-1</opRet><opErrno>30800</opErrno><opErrstr>"
      "Another transaction is in progress for v.</opErrstr></cliOutput>";
  gpointer none = NULL;

  g_assert_cmpint (classify ("geo-status-active-all.xml", 0, &sessions, &error),
                   ==, GR_GLUSTER_OUTCOME_OK);
  g_assert_no_error (error);
  g_assert_cmpuint (sessions->len, ==, 2);
  /* opErrno 30802, the cluster lock: the result is freed, not given. */
  g_assert_cmpint (classify ("err-locked.xml", 0, &locked, &error), ==,
                   GR_GLUSTER_OUTCOME_RETRY);
  g_assert_no_error (error);
  g_assert_null (locked);
  g_assert_cmpint (gr_gluster_result_from_stream (
                       busy, strlen (busy), 0, VOLUMES,
                       (GDestroyNotify) g_ptr_array_unref, &none, &error),
                   ==, GR_GLUSTER_OUTCOME_RETRY);
  g_assert_null (none);
}

static void
test_result_failed (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) result = NULL;

  g_assert_cmpint (classify ("err-pause-paused.xml", 0, &result, &error), ==,
                   GR_GLUSTER_OUTCOME_FAILED);
  g_assert_error (error, GR_ERROR, GR_ERROR_GLUSTER_FAILED);
  g_assert_cmpstr (error->message, ==,
                   "Geo-replication session between grsb_rec_r and "
                   "127.0.0.1::grsb_rec_s already Paused.");
  g_assert_null (result);
  assert_failed ("err-glusterd-down.out", 1, GR_ERROR_GLUSTERD_UNAVAILABLE);
  assert_failed ("err-status-nosession.out", 2, GR_ERROR_GLUSTER_FAILED);
  /* Broken XML is reported as the text it is. */
  assert_failed ("bad-truncated.xml", 0, GR_ERROR_FAILED);
  assert_failed ("bad-doctype.xml", 0, GR_ERROR_FAILED);
}

/* A command whose answer says no more than whether it succeeded. */
static GrGlusterOutcome
classify_envelope (const char *name, int exit_status, GError **error)
{
  gsize len;
  g_autofree char *data = gr_test_read_data (name, &len);

  return gr_gluster_result_from_envelope (data, len, exit_status, error);
}

static void
assert_envelope_failed (const char *name, int exit_status, int code)
{
  g_autoptr (GError) error = NULL;

  g_assert_cmpint (classify_envelope (name, exit_status, &error), ==,
                   GR_GLUSTER_OUTCOME_FAILED);
  g_assert_error (error, GR_ERROR, code);
}

static void
test_result_envelope (void)
{
  g_autoptr (GError) error = NULL;
  static const char busy[] =
      "<cliOutput><opRet>-1</opRet><opErrno>30800</opErrno><opErrstr>"
      "Another transaction is in progress for v.</opErrstr></cliOutput>";

  g_assert_cmpint (classify_envelope ("geo-start.xml", 0, &error), ==,
                   GR_GLUSTER_OUTCOME_OK);
  g_assert_cmpint (classify_envelope ("geo-config-set.xml", 0, &error), ==,
                   GR_GLUSTER_OUTCOME_OK);
  g_assert_cmpint (classify_envelope ("err-locked.xml", 0, &error), ==,
                   GR_GLUSTER_OUTCOME_RETRY);
  g_assert_cmpint (
      gr_gluster_result_from_envelope (busy, strlen (busy), 0, &error), ==,
      GR_GLUSTER_OUTCOME_RETRY);
  g_assert_no_error (error);
  g_assert_cmpint (classify_envelope ("err-pause-paused.xml", 0, &error), ==,
                   GR_GLUSTER_OUTCOME_FAILED);
  g_assert_error (error, GR_ERROR, GR_ERROR_GLUSTER_FAILED);
  g_assert_cmpstr (error->message, ==,
                   "Geo-replication session between grsb_rec_r and "
                   "127.0.0.1::grsb_rec_s already Paused.");
  assert_envelope_failed ("err-glusterd-down.out", 1,
                          GR_ERROR_GLUSTERD_UNAVAILABLE);
  assert_envelope_failed ("err-status-nosession.out", 2,
                          GR_ERROR_GLUSTER_FAILED);
  /* Broken XML is reported as the text it is. */
  assert_envelope_failed ("bad-truncated.xml", 0, GR_ERROR_FAILED);
  assert_envelope_failed ("bad-doctype.xml", 0, GR_ERROR_FAILED);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/xml-stream/volume-info/all", test_volume_info_all);
  g_test_add_func ("/xml-stream/volume-info/one", test_volume_info_one);
  g_test_add_func ("/xml-stream/volume-info/errors", test_volume_info_errors);
  g_test_add_func ("/xml-stream/volume-info/paths", test_volume_info_paths);
  g_test_add_func ("/xml-stream/volume-info/bad-names",
                   test_volume_info_bad_names);
  g_test_add_func ("/xml-stream/geo-status/created", test_status_created);
  g_test_add_func ("/xml-stream/geo-status/active-passive",
                   test_status_active_passive);
  g_test_add_func ("/xml-stream/geo-status/checkpoint", test_status_checkpoint);
  g_test_add_func ("/xml-stream/geo-status/states", test_status_states);
  g_test_add_func ("/xml-stream/geo-status/recorded", test_status_recorded);
  g_test_add_func ("/xml-stream/geo-status/v9", test_status_v9);
  g_test_add_func ("/xml-stream/geo-status/ipv6", test_status_ipv6);
  g_test_add_func ("/xml-stream/geo-status/split-session",
                   test_status_split_session);
  g_test_add_func ("/xml-stream/geo-status/wrong-document",
                   test_status_wrong_document);
  g_test_add_func ("/xml-stream/geo-status/paths", test_status_paths);
  g_test_add_func ("/xml-stream/geo-status/bad-names", test_status_bad_names);
  g_test_add_func ("/xml-stream/geo-status/time-zone", test_time_zone);
  g_test_add_func ("/xml-stream/envelope/failed", test_envelope_failed);
  g_test_add_func ("/xml-stream/envelope/missing-fields",
                   test_envelope_missing_fields);
  g_test_add_func ("/xml-stream/refuse/doctype", test_refuse_doctype);
  g_test_add_func ("/xml-stream/refuse/truncated", test_refuse_truncated);
  g_test_add_func ("/xml-stream/refuse/malformed", test_refuse_malformed);
  g_test_add_func ("/xml-stream/refuse/not-xml", test_refuse_not_xml);
  g_test_add_func ("/xml-stream/refuse/too-large", test_refuse_too_large);
  g_test_add_func ("/xml-stream/refuse/deep", test_refuse_deep);
  g_test_add_func ("/xml-stream/refuse/namespaces", test_namespaces);
  g_test_add_func ("/xml-stream/refuse/silently", test_refuse_silently);
  g_test_add_func ("/xml-stream/result/ok-and-retry", test_result_ok_and_retry);
  g_test_add_func ("/xml-stream/result/failed", test_result_failed);
  g_test_add_func ("/xml-stream/result/envelope", test_result_envelope);
  return g_test_run ();
}
