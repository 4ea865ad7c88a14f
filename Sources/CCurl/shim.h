/* Typed wrappers around libcurl's variadic functions, for Swift (OGPFetch only). */
#ifndef OGP_CCURL_SHIM_H
#define OGP_CCURL_SHIM_H

#include <curl/curl.h>
#include <string.h>
#include <sys/socket.h>
#include <netinet/in.h>

typedef size_t (*ccurl_write_fn)(char *ptr, size_t size, size_t nmemb, void *userdata);
typedef int (*ccurl_xferinfo_fn)(void *userdata, curl_off_t dltotal, curl_off_t dlnow,
                                 curl_off_t ultotal, curl_off_t ulnow);
typedef curl_socket_t (*ccurl_opensocket_fn)(void *userdata, curlsocktype purpose,
                                             struct curl_sockaddr *address);

typedef int (*ccurl_prereq_fn)(void *userdata, char *primary_ip, char *local_ip,
                               int primary_port, int local_port);

static inline CURLcode ccurl_easy_setopt_long(CURL *h, CURLoption o, long v) {
    return curl_easy_setopt(h, o, v);
}
static inline CURLcode ccurl_easy_setopt_off(CURL *h, CURLoption o, curl_off_t v) {
    return curl_easy_setopt(h, o, v);
}
static inline CURLcode ccurl_easy_setopt_string(CURL *h, CURLoption o, const char *v) {
    return curl_easy_setopt(h, o, v);
}
static inline CURLcode ccurl_easy_setopt_pointer(CURL *h, CURLoption o, void *v) {
    return curl_easy_setopt(h, o, v);
}
static inline CURLcode ccurl_easy_setopt_slist(CURL *h, CURLoption o, struct curl_slist *v) {
    return curl_easy_setopt(h, o, v);
}
static inline CURLcode ccurl_easy_setopt_write_fn(CURL *h, CURLoption o, ccurl_write_fn f) {
    return curl_easy_setopt(h, o, f);
}
static inline CURLcode ccurl_easy_setopt_xferinfo_fn(CURL *h, ccurl_xferinfo_fn f) {
    return curl_easy_setopt(h, CURLOPT_XFERINFOFUNCTION, f);
}
static inline CURLcode ccurl_easy_setopt_opensocket_fn(CURL *h, ccurl_opensocket_fn f) {
    return curl_easy_setopt(h, CURLOPT_OPENSOCKETFUNCTION, f);
}

static inline CURLcode ccurl_easy_setopt_prereq_fn(CURL *h, ccurl_prereq_fn f) {
    return curl_easy_setopt(h, CURLOPT_PREREQFUNCTION, f);
}

static inline CURLcode ccurl_easy_getinfo_long(CURL *h, CURLINFO i, long *v) {
    return curl_easy_getinfo(h, i, v);
}
static inline CURLcode ccurl_easy_getinfo_off(CURL *h, CURLINFO i, curl_off_t *v) {
    return curl_easy_getinfo(h, i, v);
}
static inline CURLcode ccurl_easy_getinfo_string(CURL *h, CURLINFO i, char **v) {
    return curl_easy_getinfo(h, i, v);
}
static inline CURLcode ccurl_easy_getinfo_pointer(CURL *h, CURLINFO i, void **v) {
    return curl_easy_getinfo(h, i, v);
}

static inline CURLMcode ccurl_multi_setopt_long(CURLM *m, CURLMoption o, long v) {
    return curl_multi_setopt(m, o, v);
}

/* The done message's transfer result (a union member Swift cannot reach directly). */
static inline CURLcode ccurl_msg_result(const CURLMsg *msg) { return msg->data.result; }

/* Copies the resolved address of an opensocket callback: returns 4 or 6 (and fills
   4 or 16 bytes of out), or 0 for another family. */
static inline int ccurl_sockaddr_bytes(const struct curl_sockaddr *a, unsigned char out[16]) {
    if (a->family == AF_INET) {
        const struct sockaddr_in *in = (const struct sockaddr_in *)&a->addr;
        memcpy(out, &in->sin_addr, 4);
        return 4;
    }
    if (a->family == AF_INET6) {
        const struct sockaddr_in6 *in6 = (const struct sockaddr_in6 *)&a->addr;
        memcpy(out, &in6->sin6_addr, 16);
        return 6;
    }
    return 0;
}

/* Opens the socket an opensocket callback was asked for. */
static inline curl_socket_t ccurl_open_socket(const struct curl_sockaddr *a) {
    return socket(a->family, a->socktype, a->protocol);
}

#endif
