package org.facesearch.indexer;

import java.nio.file.Path;

/** A complete build under {@code builds/}: its directory name, location and manifest. */
public record Build(String name, Path dir, BuildManifest manifest) {}
