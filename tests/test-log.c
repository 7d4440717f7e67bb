/* Unit tests of the journal entries georepd writes (service/gr-log.c):
 * the fields of a structured message, MESSAGE_ID included, and the
 * priority of each level. */
#include <string.h>
#include <sys/uio.h>
#include <syslog.h>

#include "gr-log.h"

static char *
entry_text (const struct iovec *iov)
{
  return g_strndup (iov->iov_base, iov->iov_len);
}

static void
test_fields (void)
{
  static const char binary[] = { 'a', '\n', 'b' };
  const GLogField fields[] = {
    { "MESSAGE_ID", GR_MESSAGE_SESSION_STARTED, -1 },
    { GR_LOG_FIELD_SESSION, "pv::h::sv", -1 },
    { "PRIORITY", "7", -1 },
    { "MESSAGE", "Started", -1 },
    { "DATA", binary, sizeof binary },
  };
  g_autoptr (GPtrArray) storage = g_ptr_array_new_with_free_func (g_free);
  struct iovec iov[8];
  gsize n = gr_log_fields_to_iovec (G_LOG_LEVEL_MESSAGE, fields,
                                    G_N_ELEMENTS (fields), storage, iov, 8);
  g_autofree char *priority = entry_text (&iov[0]);
  g_autofree char *id = entry_text (&iov[1]);
  g_autofree char *session = entry_text (&iov[2]);
  g_autofree char *message = entry_text (&iov[3]);

  /* GLib's PRIORITY is replaced by the one of the level. */
  g_assert_cmpuint (n, ==, 5);
  g_assert_cmpstr (priority, ==, "PRIORITY=5");
  g_assert_cmpstr (id, ==, "MESSAGE_ID=" GR_MESSAGE_SESSION_STARTED);
  g_assert_cmpstr (session, ==, "GEOREPD_SESSION=pv::h::sv");
  g_assert_cmpstr (message, ==, "MESSAGE=Started");
  g_assert_cmpuint (iov[4].iov_len, ==, strlen ("DATA=") + sizeof binary);
  g_assert_cmpmem (iov[4].iov_base, iov[4].iov_len, "DATA=a\nb", 8);
}

static void
test_room_is_bounded (void)
{
  const GLogField fields[] = {
    { "A", "1", -1 },
    { "B", "2", -1 },
    { "C", "3", -1 },
  };
  g_autoptr (GPtrArray) storage = g_ptr_array_new_with_free_func (g_free);
  struct iovec iov[2];

  g_assert_cmpuint (
      gr_log_fields_to_iovec (G_LOG_LEVEL_WARNING, fields, 3, storage, iov, 2),
      ==, 2);
}

static void
test_priorities (void)
{
  g_assert_cmpint (gr_log_priority (G_LOG_LEVEL_ERROR), ==, LOG_CRIT);
  g_assert_cmpint (gr_log_priority (G_LOG_LEVEL_CRITICAL), ==, LOG_ERR);
  g_assert_cmpint (gr_log_priority (G_LOG_LEVEL_WARNING), ==, LOG_WARNING);
  g_assert_cmpint (gr_log_priority (G_LOG_LEVEL_MESSAGE), ==, LOG_NOTICE);
  g_assert_cmpint (gr_log_priority (G_LOG_LEVEL_INFO), ==, LOG_INFO);
  g_assert_cmpint (gr_log_priority (G_LOG_LEVEL_DEBUG), ==, LOG_DEBUG);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/log/fields", test_fields);
  g_test_add_func ("/log/room-is-bounded", test_room_is_bounded);
  g_test_add_func ("/log/priorities", test_priorities);
  return g_test_run ();
}
