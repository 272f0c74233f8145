package org.facesearch.data.image;

/** Whether crops keep colour (3 channels, RGB) or are grey (1 channel, ITU-R BT.601 luma). */
public enum ColorMode {
  RGB(3),
  GREY(1);

  private final int channels;

  ColorMode(int channels) {
    this.channels = channels;
  }

  public int channels() {
    return channels;
  }
}
