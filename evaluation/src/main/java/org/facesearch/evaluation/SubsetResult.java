package org.facesearch.evaluation;

/**
 * Clustering and identification on the min-faces subset, split per person into train and test
 * photos. Clustering uses the test photos; identification queries them against the train photos.
 *
 * @param minFaces the subset's threshold on photos per person
 * @param people people in the subset
 * @param trainFaces photos in the train part (the identification gallery)
 * @param testFaces photos in the test part (clustered; identification queries)
 * @param embeddings k-means on the model's embeddings
 * @param pixels k-means on raw pixels of the same crops, the baseline
 * @param pixelModelId which raw-pixel embedding the baseline used
 * @param knn identification with the model's embeddings
 */
public record SubsetResult(
    int minFaces,
    int people,
    int trainFaces,
    int testFaces,
    IdentityClustering embeddings,
    IdentityClustering pixels,
    String pixelModelId,
    KnnIdentification knn) {}
