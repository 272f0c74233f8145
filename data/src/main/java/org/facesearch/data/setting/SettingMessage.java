package org.facesearch.data.setting;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * A sentence that names settings: text and {@link NamedSetting}s in order, rendered with each
 * setting's domain words by default, or with a front end's own names (the command line's {@code
 * --flags}). So one sentence serves both, and a value spliced into the text (a path with braces in
 * it) is never mistaken for a placeholder.
 */
public final class SettingMessage {
  private final List<Object> parts;

  private SettingMessage(List<Object> parts) {
    this.parts = parts;
  }

  /**
   * The sentence from {@code parts}: {@link NamedSetting}s stand for their names, another {@code
   * SettingMessage} for its own parts, anything else for its {@link String#valueOf} text.
   */
  public static SettingMessage of(Object... parts) {
    List<Object> kept = new ArrayList<>(parts.length);
    for (Object part : parts) {
      switch (part) {
        case NamedSetting setting -> kept.add(setting);
        case SettingMessage message -> kept.addAll(message.parts);
        case null, default -> kept.add(String.valueOf(part));
      }
    }
    return new SettingMessage(List.copyOf(kept));
  }

  /** The settings named, in the order the sentence names them. */
  public List<NamedSetting> settings() {
    return parts.stream()
        .filter(NamedSetting.class::isInstance)
        .map(NamedSetting.class::cast)
        .toList();
  }

  /** The sentence with each setting called what {@code names} says. */
  public String render(Function<? super NamedSetting, String> names) {
    StringBuilder text = new StringBuilder();
    for (Object part : parts) {
      text.append(part instanceof NamedSetting setting ? names.apply(setting) : (String) part);
    }
    return text.toString();
  }

  /** The sentence in domain words. */
  @Override
  public String toString() {
    return render(NamedSetting::description);
  }
}
