/**
 * The embedded gallery index: Lucene HNSW builds in a folder ({@link
 * org.facesearch.indexer.lucene.IndexRoot}), one kNN query ({@link
 * org.facesearch.indexer.lucene.NearestImages}), reference-counted serving.
 */
package org.facesearch.indexer.lucene;
