package org.facesearch.web;

/** Every API error's body: what went wrong, in a sentence, and the HTTP status. */
record ApiError(String error, int status) {}
