package org.facesearch.indexer;

/**
 * A complete build: its name, where its data is (a folder for the embedded index, a collection for
 * a cluster), and its manifest.
 */
public record Build(String name, String location, BuildManifest manifest) {}
