/* The server side of test-ssh, set up once per run: a temporary local
 * user with a random password, two host keys, a key pair for root,
 * stand-ins for gluster, and an OpenSSH server for them on 127.0.0.1
 * (its own host key, PAM password login).
 *
 * Needs root (useradd, sshd) and fails, never skips, when the server
 * cannot be started. Cleanup of the user, sshd and the temporary
 * directory is done by a guardian shell that waits for the test process
 * to end however it ends (also on a failed assertion, which aborts), so
 * nothing is left behind. A lock keeps two runs from sharing the user. */
#pragma once

#include "gr-test-sshd.h"

G_BEGIN_DECLS

#define GR_TEST_SSH_USER "georep-sshtest"

/* What /usr/sbin/gluster is for the sshd and the sessions it starts. */
typedef enum {
  GR_TEST_GLUSTER_REAL,
  GR_TEST_GLUSTER_HIDDEN,  /* /dev/null bound over it: not executable */
  GR_TEST_GLUSTER_FAKE,    /* a version, and a volume list to filter */
  GR_TEST_GLUSTER_STALLED, /* never finishes */
} GrTestGluster;

typedef struct {
  gboolean ready;
  char *tmp; /* removed by the guardian */
  char *password;
  char *home;
  char *fingerprint;  /* of tmp/hostkey, from ssh-keygen -l */
  char *fingerprint2; /* of tmp/hostkey2 */
  char *identity;     /* the private key of the key pair for root */
  char *key_line;     /* its public key */
  char *fake_gluster;
  char *stalled_gluster;
  GrTestSshd sshd; /* in tmp, on 127.0.0.1 */
  GSubprocess *guardian;
} GrTestSshWorld;

/* Sets up @world on the first call; later calls find it set up. */
void gr_test_ssh_world_setup (GrTestSshWorld *world);

/* Lets the guardian clean up, and asserts that it did. */
void gr_test_ssh_world_teardown (GrTestSshWorld *world);

/* A file in the temporary directory. */
char *gr_test_ssh_world_path (const GrTestSshWorld *world, const char *name);

/* Starts sshd in place of the one running, with a fresh log: with the host
 * key tmp/@host_key_name, password login or only keyboard-interactive,
 * and @gluster. */
void gr_test_ssh_world_start_sshd (GrTestSshWorld *world,
                                   const char *host_key_name,
                                   gboolean password_auth,
                                   GrTestGluster gluster);
void gr_test_ssh_world_stop_sshd (GrTestSshWorld *world);

G_END_DECLS
