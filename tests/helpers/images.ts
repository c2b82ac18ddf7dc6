import crypto from 'crypto';
import sharp from 'sharp';

/**
 * The raw pixels of a photo-like image: smooth gradients with noise, which no encoder can shrink to
 * nothing, so an upload of it is large enough for Strapi to make every responsive format.
 */
const photoPixels = (width: number, height: number): Buffer => {
  const pixels = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y += 1) {
    for (let x = 0; x < width; x += 1) {
      const offset = (y * width + x) * 3;
      const noise = crypto.randomInt(24);
      pixels[offset] = Math.floor((x / width) * 200) + noise;
      pixels[offset + 1] = Math.floor((y / height) * 200) + noise;
      pixels[offset + 2] = 120 + noise;
    }
  }
  return pixels;
};

/** A photo-like image as a PNG or a JPEG. */
export const photo = (width: number, height: number, format: 'png' | 'jpeg' = 'png'): Promise<Buffer> => {
  const image = sharp(photoPixels(width, height), { raw: { width, height, channels: 3 } });
  return (format === 'png' ? image.png() : image.jpeg({ quality: 90 })).toBuffer();
};
