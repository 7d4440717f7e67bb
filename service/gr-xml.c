/* georepd: reading the gluster CLI's XML into a DOM (safely: see
 * gr-xml-guard.c), the cliOutput envelope and the small helpers the
 * gr-xml-*.c parsers share. */
#include <string.h>

#include "gr-error.h"
#include "gr-xml-guard.h"
#include "gr-xml.h"

xmlDoc *
gr_xml_read (const char *data, gsize len, GError **error)
{
  GrXmlGuard guard;
  xmlParserCtxt *ctxt = gr_xml_guard_open (&guard, data, len, NULL, error);
  xmlDoc *doc;

  if (ctxt == NULL)
    return NULL;
  xmlParseDocument (ctxt);
  doc = g_steal_pointer (&ctxt->myDoc);
  if (!gr_xml_guard_check (&guard, ctxt, error))
    g_clear_pointer (&doc, xmlFreeDoc);
  else if (doc == NULL)
    g_set_error (error, GR_ERROR, GR_ERROR_FAILED,
                 "Cannot read gluster output: no document");
  xmlFreeParserCtxt (ctxt);
  gr_xml_guard_clear (&guard);
  return doc;
}

xmlNode *
gr_xml_root (xmlDoc *doc, const char *name, GError **error)
{
  xmlNode *root = doc ? xmlDocGetRootElement (doc) : NULL;

  if (root == NULL || !xmlStrEqual (root->name, (const xmlChar *) name))
    {
      g_set_error (error, GR_ERROR, GR_ERROR_FAILED,
                   "Unexpected gluster output: the root element is not <%s>",
                   name);
      return NULL;
    }
  return root;
}

xmlNode *
gr_xml_cli_section (xmlDoc *doc, const char *name, GError **error)
{
  xmlNode *root = gr_xml_root (doc, "cliOutput", error);
  xmlNode *section = root ? gr_xml_child (root, name) : NULL;

  if (root != NULL && section == NULL)
    g_set_error (error, GR_ERROR, GR_ERROR_FAILED,
                 "Unexpected gluster output: no <%s>", name);
  return section;
}

static gboolean
is_element (xmlNode *node, const char *name)
{
  return node->type == XML_ELEMENT_NODE &&
         xmlStrEqual (node->name, (const xmlChar *) name);
}

xmlNode *
gr_xml_next (xmlNode *node, const char *name)
{
  for (node = node ? node->next : NULL; node != NULL; node = node->next)
    if (is_element (node, name))
      return node;
  return NULL;
}

xmlNode *
gr_xml_child (xmlNode *parent, const char *name)
{
  if (parent == NULL || parent->children == NULL)
    return NULL;
  if (is_element (parent->children, name))
    return parent->children;
  return gr_xml_next (parent->children, name);
}

char *
gr_xml_text (xmlNode *node)
{
  GString *text = g_string_new (NULL);

  for (xmlNode *child = node->children; child != NULL; child = child->next)
    if ((child->type == XML_TEXT_NODE ||
         child->type == XML_CDATA_SECTION_NODE) &&
        child->content != NULL)
      g_string_append (text, (const char *) child->content);
  return g_strstrip (g_string_free (text, FALSE));
}

char *
gr_xml_child_text (xmlNode *parent, const char *name)
{
  xmlNode *child = gr_xml_child (parent, name);

  return child ? gr_xml_text (child) : NULL;
}

guint64
gr_xml_parse_uint64 (const char *text)
{
  guint64 value = 0;

  if (text == NULL ||
      !g_ascii_string_to_unsigned (text, 10, 0, G_MAXUINT64, &value, NULL))
    return 0;
  return value;
}

/* Exactly "YYYY-MM-DD HH:MM:SS": a number parser alone would accept signs,
 * spaces and trailing junk. */
static gboolean
has_time_shape (const char *text)
{
  static const char shape[] = "dddd-dd-dd dd:dd:dd";

  if (strlen (text) != sizeof shape - 1)
    return FALSE;
  for (gsize i = 0; shape[i]; i++)
    if (shape[i] == 'd' ? !g_ascii_isdigit (text[i]) : text[i] != shape[i])
      return FALSE;
  return TRUE;
}

/* The number in the @len digits at @text, which has_time_shape() let
 * through. */
static int
digits (const char *text, int len)
{
  int value = 0;

  for (int i = 0; i < len; i++)
    value = value * 10 + (text[i] - '0');
  return value;
}

/* GDate's day number of 1970-01-01 (0001-01-01 is day 1). */
#define UNIX_EPOCH_JULIAN 719163

/* This runs for every worker on every refresh: plain arithmetic on a
 * GDate on the stack, where sscanf() and a GDateTime cost as much as the
 * rest of the worker did. The ranges are those g_date_time_new_utc() takes.
 * gsyncd formats these with utcfromtimestamp(), whatever the TZ. */
guint64
gr_xml_parse_time (const char *text)
{
  GDate date;
  int year, month, day, hour, minute, second;
  gint64 days;

  if (text == NULL || !has_time_shape (text))
    return 0;
  year = digits (text, 4);
  month = digits (text + 5, 2);
  day = digits (text + 8, 2);
  hour = digits (text + 11, 2);
  minute = digits (text + 14, 2);
  second = digits (text + 17, 2);
  if (!g_date_valid_dmy (day, month, year) || hour > 23 || minute > 59 ||
      second > 59)
    return 0;
  g_date_clear (&date, 1);
  g_date_set_dmy (&date, day, month, year);
  days = (gint64) g_date_get_julian (&date) - UNIX_EPOCH_JULIAN;
  if (days < 0)
    return 0;
  return (guint64) (days * 86400 + hour * 3600 + minute * 60 + second);
}

gboolean
gr_xml_is_name (const char *text)
{
  if (text == NULL || *text == '\0' || *text == '-')
    return FALSE;
  for (const char *p = text; *p; p++)
    if (g_ascii_isspace (*p) || g_ascii_iscntrl (*p))
      return FALSE;
  return TRUE;
}

gboolean
gr_xml_parse_op_int (const char *name,
                     const char *text,
                     int *value,
                     GError **error)
{
  gint64 number = 0;

  if (text != NULL && *text != '\0' &&
      !g_ascii_string_to_signed (text, 10, G_MININT, G_MAXINT, &number, NULL))
    {
      g_set_error (error, GR_ERROR, GR_ERROR_FAILED,
                   "Unexpected gluster output: <%s> is not a number", name);
      return FALSE;
    }
  *value = (int) number;
  return TRUE;
}

static gboolean
read_int (xmlNode *root, const char *name, int *value, GError **error)
{
  g_autofree char *text = gr_xml_child_text (root, name);

  return gr_xml_parse_op_int (name, text, value, error);
}

gboolean
gr_xml_cli_status (xmlDoc *doc, GrCliStatus *status, GError **error)
{
  xmlNode *root = gr_xml_root (doc, "cliOutput", error);

  memset (status, 0, sizeof *status);
  if (root == NULL || !read_int (root, "opRet", &status->op_ret, error) ||
      !read_int (root, "opErrno", &status->op_errno, error))
    return FALSE;
  status->op_errstr = gr_xml_child_text (root, "opErrstr");
  if (status->op_errstr == NULL)
    status->op_errstr = g_strdup ("");
  return TRUE;
}

void
gr_cli_status_clear (GrCliStatus *status)
{
  g_clear_pointer (&status->op_errstr, g_free);
  status->op_ret = 0;
  status->op_errno = 0;
}

static gboolean
is_version_char (char c)
{
  return g_ascii_isalnum (c) || (c != '\0' && strchr (".-_+~", c) != NULL);
}

char *
gr_gluster_parse_version (const char *text)
{
  const char *start, *end;

  if (text == NULL || !g_str_has_prefix (text, "glusterfs "))
    return NULL;
  start = text + strlen ("glusterfs ");
  for (end = start; is_version_char (*end); end++)
    ;
  if (end == start || !g_ascii_isdigit (*start) ||
      (*end != '\0' && !g_ascii_isspace (*end)))
    return NULL;
  return g_strndup (start, end - start);
}
