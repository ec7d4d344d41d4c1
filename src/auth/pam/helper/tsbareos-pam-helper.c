/*
 * tsbareos-pam-helper: runs ONE PAM transaction for the tsbareos director and relays its
 * conversation over a pipe (stdin: parent -> helper, stdout: helper -> parent).
 *
 * Why a separate process: a PAM module may block for seconds (failure delays, LDAP timeouts),
 * crash, or leak; none of that may reach the director's event loop or libuv's thread pool.
 * The parent kills us when a login times out or the client goes away.
 *
 * Frame layout (both directions, all integers big-endian), documented in docs/pam.md:
 *   u32 body length (1..PH_MAX_FRAME), then the body: u8 message type, then fields.
 *   A string field is u16 length + bytes (no NUL inside; PAM strings are C strings).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>
#ifdef __linux__
#include <sys/prctl.h>
#endif

#include <security/pam_appl.h>

#define PH_PROTOCOL_VERSION 1
#define PH_MAX_FRAME 4096
/* Linux-PAM's own limits (PAM_MAX_NUM_MSG, PAM_MAX_MSG_SIZE, PAM_MAX_RESP_SIZE). */
#define PH_MAX_MESSAGES 32
#define PH_MAX_TEXT 512
#define PH_MAX_FIELD 1024
#define PH_CHAUTHTOK_TRIES 3

/* parent -> helper */
enum { MSG_START = 0x01, MSG_ANSWER = 0x02, MSG_CANCEL = 0x03 };
/* helper -> parent */
enum { MSG_PROMPT = 0x11, MSG_INFO = 0x12, MSG_ERROR = 0x13, MSG_RESULT = 0x14 };
enum { MODE_INTERACTIVE = 1, MODE_DIRECT = 2 };
enum { FLAG_ALLOW_CHAUTHTOK = 0x01 };
enum {
  STAGE_START = 1,
  STAGE_AUTHENTICATE = 2,
  STAGE_ACCT_MGMT = 3,
  STAGE_CHAUTHTOK = 4,
  STAGE_CONVERSATION = 5
};

/* Private copies of the pipe ends; fds 0 and 1 are pointed elsewhere so a module that reads
 * stdin or prints to stdout cannot corrupt the protocol. */
static int in_fd = -1;
static int out_fd = -1;

/* Set by the conversation when it fails for a reason of ours (cancel, EOF, limits, bad
 * frame): the result then names the conversation, whatever code the module turned it into. */
static int conversation_failed = 0;

static void wipe(void *p, size_t n) {
  if (p != NULL && n > 0) explicit_bzero(p, n);
}

static int read_full(void *buf, size_t n) {
  uint8_t *p = buf;
  while (n > 0) {
    ssize_t r = read(in_fd, p, n);
    if (r == 0) return -1; /* EOF: the parent went away or closed our stdin */
    if (r < 0) {
      if (errno == EINTR) continue;
      return -1;
    }
    p += r;
    n -= (size_t)r;
  }
  return 0;
}

static int write_full(const void *buf, size_t n) {
  const uint8_t *p = buf;
  while (n > 0) {
    ssize_t w = write(out_fd, p, n);
    if (w < 0) {
      if (errno == EINTR) continue;
      return -1;
    }
    p += w;
    n -= (size_t)w;
  }
  return 0;
}

/* Reads one frame body into buf (capacity PH_MAX_FRAME); returns its length or -1. */
static ssize_t read_frame(uint8_t *buf) {
  uint8_t hdr[4];
  if (read_full(hdr, 4) != 0) return -1;
  uint32_t len = ((uint32_t)hdr[0] << 24) | ((uint32_t)hdr[1] << 16) | ((uint32_t)hdr[2] << 8) | hdr[3];
  if (len < 1 || len > PH_MAX_FRAME) return -1;
  if (read_full(buf, len) != 0) return -1;
  return (ssize_t)len;
}

struct writer {
  uint8_t buf[PH_MAX_FRAME + 4];
  size_t len;
  int overflow;
};

static void w_begin(struct writer *w, uint8_t type) {
  w->len = 4;
  w->overflow = 0;
  w->buf[w->len++] = type;
}

static void w_u8(struct writer *w, uint8_t v) {
  if (w->len + 1 > sizeof w->buf) {
    w->overflow = 1;
    return;
  }
  w->buf[w->len++] = v;
}

static void w_i32(struct writer *w, int32_t v) {
  uint32_t u = (uint32_t)v;
  w_u8(w, (uint8_t)(u >> 24));
  w_u8(w, (uint8_t)(u >> 16));
  w_u8(w, (uint8_t)(u >> 8));
  w_u8(w, (uint8_t)u);
}

/* Strings longer than max are cut: only our own diagnostics (pam_strerror) are ever long,
 * conversation texts are checked against PH_MAX_TEXT before they get here. */
static void w_str(struct writer *w, const char *s, size_t max) {
  size_t n = s == NULL ? 0 : strnlen(s, max);
  w_u8(w, (uint8_t)(n >> 8));
  w_u8(w, (uint8_t)n);
  if (w->len + n > sizeof w->buf) {
    w->overflow = 1;
    return;
  }
  if (n > 0) memcpy(w->buf + w->len, s, n);
  w->len += n;
}

static int w_send(struct writer *w) {
  if (w->overflow) return -1;
  uint32_t body = (uint32_t)(w->len - 4);
  w->buf[0] = (uint8_t)(body >> 24);
  w->buf[1] = (uint8_t)(body >> 16);
  w->buf[2] = (uint8_t)(body >> 8);
  w->buf[3] = (uint8_t)body;
  return write_full(w->buf, w->len);
}

/* A string field read from a frame, copied out NUL-terminated. */
struct reader {
  const uint8_t *p;
  size_t left;
};

static int r_u8(struct reader *r, uint8_t *out) {
  if (r->left < 1) return -1;
  *out = *r->p++;
  r->left--;
  return 0;
}

static int r_str(struct reader *r, char *out, size_t cap) {
  uint8_t hi, lo;
  if (r_u8(r, &hi) != 0 || r_u8(r, &lo) != 0) return -1;
  size_t n = ((size_t)hi << 8) | lo;
  if (n >= cap || n > r->left) return -1;
  if (memchr(r->p, 0, n) != NULL) return -1;
  memcpy(out, r->p, n);
  out[n] = '\0';
  r->p += n;
  r->left -= n;
  return 0;
}

static void free_responses(struct pam_response *resp, int n) {
  if (resp == NULL) return;
  for (int i = 0; i < n; i++) {
    if (resp[i].resp != NULL) {
      wipe(resp[i].resp, strlen(resp[i].resp));
      free(resp[i].resp);
    }
  }
  free(resp);
}

static int conversation(int num_msg, const struct pam_message **msg, struct pam_response **resp_out,
                        void *appdata) {
  (void)appdata;
  /* Some modules (pam_matrix's verbose texts) pass no response pointer for info-only calls. */
  if (resp_out != NULL) *resp_out = NULL;
  if (conversation_failed) return PAM_CONV_ERR;
  if (num_msg <= 0 || num_msg > PH_MAX_MESSAGES) {
    conversation_failed = 1;
    return PAM_CONV_ERR;
  }
  struct pam_response *resp = calloc((size_t)num_msg, sizeof *resp);
  if (resp == NULL) return PAM_BUF_ERR;

  static struct writer w;
  uint8_t frame[PH_MAX_FRAME];
  for (int i = 0; i < num_msg; i++) {
    /* Linux-PAM passes an array of pointers (msg[i]), not a pointer to an array. */
    const char *text = msg[i]->msg == NULL ? "" : msg[i]->msg;
    if (strnlen(text, PH_MAX_TEXT + 1) > PH_MAX_TEXT) goto fail;
    switch (msg[i]->msg_style) {
      case PAM_TEXT_INFO:
      case PAM_ERROR_MSG:
        /* No round trip: the parent buffers these and shows them with the next prompt. */
        w_begin(&w, msg[i]->msg_style == PAM_TEXT_INFO ? MSG_INFO : MSG_ERROR);
        w_str(&w, text, PH_MAX_TEXT);
        if (w_send(&w) != 0) goto fail;
        break;
      case PAM_PROMPT_ECHO_OFF:
      case PAM_PROMPT_ECHO_ON: {
        if (resp_out == NULL) goto fail; /* a question with nowhere to put the answer */
        w_begin(&w, MSG_PROMPT);
        w_u8(&w, (uint8_t)msg[i]->msg_style);
        w_str(&w, text, PH_MAX_TEXT);
        if (w_send(&w) != 0) goto fail;
        ssize_t n = read_frame(frame);
        if (n < 0 || frame[0] != MSG_ANSWER) {
          /* CANCEL, EOF or anything unexpected ends the conversation. */
          if (n > 0) wipe(frame, (size_t)n);
          goto fail;
        }
        struct reader r = {frame + 1, (size_t)n - 1};
        char *answer = malloc(PH_MAX_TEXT + 1);
        if (answer == NULL || r_str(&r, answer, PH_MAX_TEXT + 1) != 0 || r.left != 0) {
          wipe(frame, (size_t)n);
          if (answer != NULL) {
            wipe(answer, PH_MAX_TEXT + 1);
            free(answer);
          }
          goto fail;
        }
        /* PAM owns (and frees) resp[i].resp; our frame copy is wiped right away. */
        wipe(frame, (size_t)n);
        resp[i].resp = answer;
        resp[i].resp_retcode = 0;
        break;
      }
      default:
        /* PAM_BINARY_PROMPT and friends: nothing a console can answer. */
        goto fail;
    }
  }
  if (resp_out != NULL) {
    *resp_out = resp;
  } else {
    free_responses(resp, num_msg);
  }
  return PAM_SUCCESS;

fail:
  conversation_failed = 1;
  free_responses(resp, num_msg);
  return PAM_CONV_ERR;
}

static int send_result(pam_handle_t *pamh, uint8_t stage, int code) {
  static struct writer w;
  const void *item = NULL;
  const char *user = "";
  if (pamh != NULL && pam_get_item(pamh, PAM_USER, &item) == PAM_SUCCESS && item != NULL) {
    user = item;
  }
  const char *text = pam_strerror(pamh, code);
  w_begin(&w, MSG_RESULT);
  w_u8(&w, conversation_failed ? STAGE_CONVERSATION : stage);
  w_i32(&w, code);
  w_str(&w, text == NULL ? "" : text, PH_MAX_TEXT);
  w_str(&w, user, PH_MAX_FIELD - 1);
  return w_send(&w);
}

/* Keep the protocol pipes on private close-on-exec descriptors (so a pam_exec child does not
 * inherit them) and point fds 0/1 at /dev/null and stderr. */
static int take_pipes(void) {
  in_fd = fcntl(STDIN_FILENO, F_DUPFD_CLOEXEC, 3);
  out_fd = fcntl(STDOUT_FILENO, F_DUPFD_CLOEXEC, 3);
  if (in_fd < 0 || out_fd < 0) return -1;
  int devnull = open("/dev/null", O_RDONLY | O_CLOEXEC);
  if (devnull < 0) return -1;
  if (dup2(devnull, STDIN_FILENO) < 0 || dup2(STDERR_FILENO, STDOUT_FILENO) < 0) return -1;
  close(devnull);
  return 0;
}

static void harden(void) {
  /* Answers live in our memory for a moment: no core file, no ptrace by the same uid. */
  struct rlimit none = {0, 0};
  setrlimit(RLIMIT_CORE, &none);
  signal(SIGPIPE, SIG_IGN);
#ifdef __linux__
  prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);
  /* If the director dies while a module blocks, we must not linger. */
  pid_t parent = getppid();
  prctl(PR_SET_PDEATHSIG, SIGKILL, 0, 0, 0);
  if (getppid() != parent) _exit(1);
#endif
}

int main(void) {
  harden();
  if (take_pipes() != 0) {
    fprintf(stderr, "tsbareos-pam-helper: cannot set up pipes: %s\n", strerror(errno));
    return 2;
  }

  static uint8_t frame[PH_MAX_FRAME];
  ssize_t n = read_frame(frame);
  if (n < 0) return 0; /* stdin closed before a start: nothing to do */
  static char service[PH_MAX_FIELD], user[PH_MAX_FIELD], rhost[PH_MAX_FIELD], ruser[PH_MAX_FIELD];
  uint8_t version = 0, mode = 0, flags = 0;
  struct reader r = {frame + 1, (size_t)n - 1};
  if (frame[0] != MSG_START || r_u8(&r, &version) != 0 || r_u8(&r, &mode) != 0 || r_u8(&r, &flags) != 0 ||
      r_str(&r, service, sizeof service) != 0 || r_str(&r, user, sizeof user) != 0 ||
      r_str(&r, rhost, sizeof rhost) != 0 || r_str(&r, ruser, sizeof ruser) != 0 || r.left != 0 ||
      version != PH_PROTOCOL_VERSION || (mode != MODE_INTERACTIVE && mode != MODE_DIRECT) || service[0] == '\0') {
    send_result(NULL, STAGE_START, PAM_SYSTEM_ERR);
    return 3;
  }
  /* Direct mode never changes a password: the client has no way to type a new one. */
  int allow_chauthtok = mode == MODE_INTERACTIVE && (flags & FLAG_ALLOW_CHAUTHTOK) != 0;

  const struct pam_conv conv = {conversation, NULL};
  pam_handle_t *pamh = NULL;
  int rc = pam_start(service, user[0] == '\0' ? NULL : user, &conv, &pamh);
  if (rc != PAM_SUCCESS) {
    send_result(pamh, STAGE_START, rc);
    if (pamh != NULL) pam_end(pamh, rc);
    return 0;
  }
  uint8_t stage = STAGE_START;
  if (rhost[0] != '\0') rc = pam_set_item(pamh, PAM_RHOST, rhost);
  if (rc == PAM_SUCCESS && ruser[0] != '\0') rc = pam_set_item(pamh, PAM_RUSER, ruser);

  if (rc == PAM_SUCCESS) {
    stage = STAGE_AUTHENTICATE;
    rc = pam_authenticate(pamh, 0);
  }
  if (rc == PAM_SUCCESS) {
    stage = STAGE_ACCT_MGMT;
    rc = pam_acct_mgmt(pamh, 0);
    if (rc == PAM_NEW_AUTHTOK_REQD && allow_chauthtok) {
      stage = STAGE_CHAUTHTOK;
      for (int i = 0; i < PH_CHAUTHTOK_TRIES; i++) {
        rc = pam_chauthtok(pamh, PAM_CHANGE_EXPIRED_AUTHTOK);
        if (rc == PAM_SUCCESS || conversation_failed) break;
      }
    }
  }
  send_result(pamh, stage, rc);
  pam_end(pamh, rc);
  return 0;
}
