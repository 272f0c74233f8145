package org.facesearch.evaluation;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.facesearch.data.protocol.FacePair;

/**
 * How much of a protocol's people a model saw in training. LFW's numbers are only comparable with
 * published ones when this is zero: a model trained on peopleDevTrain has seen part of pairs.txt.
 *
 * @param people distinct people in the pairs
 * @param seenPeople how many of them are training identities of the model
 * @param pairs number of pairs
 * @param pairsWithSeenPerson pairs showing at least one training identity
 */
public record TrainingOverlap(int people, int seenPeople, int pairs, int pairsWithSeenPerson) {

  public static TrainingOverlap of(List<FacePair> protocol, Set<String> trainingIdentities) {
    TreeSet<String> people = new TreeSet<>();
    int pairsWithSeen = 0;
    for (FacePair pair : protocol) {
      people.add(pair.a().identity());
      people.add(pair.b().identity());
      if (trainingIdentities.contains(pair.a().identity())
          || trainingIdentities.contains(pair.b().identity())) {
        pairsWithSeen++;
      }
    }
    int seen = (int) people.stream().filter(trainingIdentities::contains).count();
    return new TrainingOverlap(people.size(), seen, protocol.size(), pairsWithSeen);
  }

  public boolean clean() {
    return seenPeople == 0;
  }
}
