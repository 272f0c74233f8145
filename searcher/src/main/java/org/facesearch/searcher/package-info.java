/**
 * Answers questions about faces: {@link org.facesearch.searcher.GallerySearcher} finds look-alikes
 * in the serving index and follows it as builds and enrolments change; {@link
 * org.facesearch.searcher.Verifier} decides whether two photos show the same person. Scores are
 * cosine similarities of the model's unit-length embeddings.
 */
package org.facesearch.searcher;
