/* The per-node record of worker reasons on gluster's shared storage
 * (service/gr-reasons-record.c): what one node writes of its own failed
 * workers is what another reads back, keyed by node and brick; what could
 * not be a worker's is left out. */
#include <string.h>

#include "gr-reasons-record.h"
#include "gr-validate.h"

#define UUID_A "11111111-1111-1111-1111-111111111111"
#define UUID_B "22222222-2222-2222-2222-222222222222"
#define LABEL "p_3a_3ahost_3a_3as"

static GVariant *
worker (const char *uuid, const char *brick, const char *reason, guint64 time)
{
  GVariantBuilder builder;

  g_variant_builder_init (&builder, G_VARIANT_TYPE_VARDICT);
  g_variant_builder_add (&builder, "{sv}", "primary-node-uuid",
                         g_variant_new_string (uuid));
  g_variant_builder_add (&builder, "{sv}", "primary-brick",
                         g_variant_new_string (brick));
  g_variant_builder_add (&builder, "{sv}", "status",
                         g_variant_new_string ("Faulty"));
  g_variant_builder_add (&builder, "{sv}", "last-error",
                         g_variant_new_string (reason));
  g_variant_builder_add (&builder, "{sv}", "last-error-time",
                         g_variant_new_uint64 (time));
  return g_variant_builder_end (&builder);
}

static GVariant *
workers_ok (void)
{
  GVariant *one = worker (UUID_B, "/b/p9", "", 0);

  return g_variant_new_array (G_VARIANT_TYPE_VARDICT, &one, 1);
}

/* B's record: its failed worker, not A's, not its healthy one. */
static char *
record_of_b (void)
{
  GVariant *workers[] = {
    worker (UUID_A, "/b/p1", "A's own reason", 10),
    worker (UUID_B, "/b/p1", "ssh: connect to host c port 22: refused", 20),
    worker (UUID_B, "/b/p2", "", 0),
  };
  g_autoptr (GVariant) value = g_variant_ref_sink (g_variant_new_array (
      G_VARIANT_TYPE_VARDICT, workers, G_N_ELEMENTS (workers)));
  g_autoptr (GVariant) healthy = g_variant_ref_sink (workers_ok ());
  g_autoptr (JsonBuilder) builder = gr_reasons_record_begin (UUID_B, 1000);

  gr_reasons_record_add_session (builder, LABEL, value, UUID_B);
  gr_reasons_record_add_session (builder, "healthy", healthy, UUID_B);
  return gr_reasons_record_end (builder);
}

static void
test_round_trip (void)
{
  g_autofree char *record = record_of_b ();
  g_autoptr (GHashTable) by_label = gr_reasons_record_table_new ();
  g_autofree char *uuid = NULL;
  GHashTable *reasons;
  GVariant *reason;
  const char *message;
  guint64 time;

  g_test_message ("%s", record);
  g_assert_true (
      gr_reasons_record_parse (record, strlen (record), by_label, &uuid));
  g_assert_cmpstr (uuid, ==, UUID_B);
  reasons = g_hash_table_lookup (by_label, LABEL);
  g_assert_nonnull (reasons);
  g_assert_cmpuint (g_hash_table_size (reasons), ==, 1);
  reason = g_hash_table_lookup (reasons, UUID_B "\n/b/p1");
  g_assert_nonnull (reason);
  g_variant_get (reason, "(&st)", &message, &time);
  g_assert_cmpstr (message, ==, "ssh: connect to host c port 22: refused");
  g_assert_cmpuint (time, ==, 20);
  /* A session without a failed worker is not in the record. */
  g_assert_null (g_hash_table_lookup (by_label, "healthy"));
  g_assert_null (strstr (record, "healthy"));
}

static void
test_garbled (void)
{
  const char *refused[] = {
    "",
    "[]",
    "{\"node-uuid\": \"x\", \"sessions\": {}}",
    "{\"node-uuid\": \"" UUID_B "\"}",
    "{\"node-uuid\": \"" UUID_B "\", \"sessions\": []}",
  };
  const char *partly =
      "{\"node-uuid\": \"" UUID_B "\", \"sessions\": {\"" LABEL "\": ["
      "{\"brick\": \"relative\", \"reason\": \"r\"},"
      "{\"brick\": \"/b/p1\", \"reason\": 5},"
      "{\"brick\": \"/b/p2\", \"reason\": \"\"},"
      "{\"brick\": \"/b/p3\", \"reason\": \"bell\\u0007\", \"time\": -4},"
      "7], \"x\": 3}}";
  g_autoptr (GHashTable) by_label = gr_reasons_record_table_new ();
  GHashTable *reasons;
  const char *message;
  guint64 time;

  for (gsize i = 0; i < G_N_ELEMENTS (refused); i++)
    g_assert_false (gr_reasons_record_parse (refused[i], strlen (refused[i]),
                                             by_label, NULL));
  g_assert_true (
      gr_reasons_record_parse (partly, strlen (partly), by_label, NULL));
  reasons = g_hash_table_lookup (by_label, LABEL);
  g_assert_cmpuint (g_hash_table_size (reasons), ==, 1);
  g_variant_get (g_hash_table_lookup (reasons, UUID_B "\n/b/p3"), "(&st)",
                 &message, &time);
  g_assert_null (strchr (message, '\a'));
  g_assert_cmpuint (time, ==, 0);
}

static void
test_validate_uuid (void)
{
  g_assert_true (gr_validate_uuid (UUID_A, NULL));
  g_assert_true (
      gr_validate_uuid ("337d3f78-9d1e-4ea7-ab98-265712c93e52", NULL));
  g_assert_false (
      gr_validate_uuid ("337d3f78-9d1e-4ea7-ab98-265712c93e5", NULL));
  g_assert_false (
      gr_validate_uuid ("337d3f78-9d1e-4ea7-ab98-265712c93e5g", NULL));
  g_assert_false (
      gr_validate_uuid ("337d3f789-d1e-4ea7-ab98-265712c93e52", NULL));
  g_assert_false (
      gr_validate_uuid ("../../../../../../../../../../etc/x", NULL));
  g_assert_false (gr_validate_uuid (NULL, NULL));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/reasons-record/round-trip", test_round_trip);
  g_test_add_func ("/reasons-record/garbled", test_garbled);
  g_test_add_func ("/reasons-record/validate-uuid", test_validate_uuid);
  return g_test_run ();
}
