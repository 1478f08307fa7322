import { parseFeed } from "../../../src/sources/parsers";

const PODCAST = `<?xml version="1.0"?>
<rss version="2.0" xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd" xmlns:media="http://search.yahoo.com/mrss/" xmlns:atom="http://www.w3.org/2005/Atom">
<channel>
  <title>World Briefing</title>
  <atom:link rel="self" href="https://radio.example/feed.xml"/>
  <link>https://radio.example/</link>
  <language>en-GB</language>
  <managingEditor>desk@radio.example (Radio Desk)</managingEditor>
  <itunes:image href="https://radio.example/cover.jpg"/>
  <item>
    <title>Episode 12: ASEAN &amp;amp; Ukraine</title>
    <guid>https://radio.example/ep/12</guid>
    <author>host@radio.example (Jane Host)</author>
    <itunes:author>Jane Host</itunes:author>
    <itunes:keywords>asean, ukraine</itunes:keywords>
    <description>Ten minutes on the week's diplomacy.</description>
    <enclosure url="https://cdn.radio.example/ep12.mp3" length="9600000" type="audio/mpeg"/>
    <media:group>
      <media:content url="https://cdn.radio.example/ep12-video.mp4" type="video/mp4" fileSize="52000000">
        <media:thumbnail url="https://cdn.radio.example/ep12-thumb.jpg" width="640" height="360"/>
      </media:content>
      <media:credit>Radio Example</media:credit>
    </media:group>
    <source url="https://wire.example/rss">Wire Example</source>
    <pubDate>Tue, 08 Jul 2025 06:00:00 BST</pubDate>
  </item>
  <item>
    <title>Not a permalink</title>
    <guid isPermaLink="false">https://radio.example/not-a-page</guid>
  </item>
</channel>
</rss>`;

describe("RSS 2.0 extensions", () => {
  const feed = parseFeed(PODCAST);
  const [episode, second] = feed.items;

  it("reads channel authors from managingEditor, keeping the name", () => {
    expect(feed).toMatchObject({ language: "en", direction: "ltr", authors: ["Radio Desk"], imageUrl: "https://radio.example/cover.jpg" });
  });

  it("takes a permalink guid as the link but not one marked isPermaLink=false", () => {
    expect(episode.url).toBe("https://radio.example/ep/12");
    expect(second.url).toBeUndefined();
    expect(second.guid).toBe("https://radio.example/not-a-page");
  });

  it("keeps audio and video as enclosures and a media:group thumbnail as the image with its credit", () => {
    expect(episode.enclosures).toEqual([
      { url: "https://cdn.radio.example/ep12-video.mp4", type: "video/mp4", length: 52000000 },
      { url: "https://cdn.radio.example/ep12.mp3", type: "audio/mpeg", length: 9600000 },
    ]);
    expect(episode.images).toEqual([{ url: "https://cdn.radio.example/ep12-thumb.jpg", credit: "Radio Example", width: 640, height: 360 }]);
  });

  it("merges author forms into one name and reads keywords, source and named zones", () => {
    expect(episode.authors).toEqual(["Jane Host"]);
    expect(episode.tags).toEqual(["asean", "ukraine"]);
    expect(episode).toMatchObject({ sourceTitle: "Wire Example", sourceUrl: "https://wire.example/rss" });
    expect(episode.publishedAt?.toISOString()).toBe("2025-07-08T05:00:00.000Z");
  });

  it("decodes a double-escaped title once more, as publishers intend", () => {
    expect(episode.title).toBe("Episode 12: ASEAN & Ukraine");
  });
});

describe("RSS 1.0 (RDF)", () => {
  const RDF = `<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
  <channel rdf:about="https://science.example/rss"><title>Science</title><link>https://science.example/</link><dc:language>en</dc:language></channel>
  <item rdf:about="https://science.example/a/1"><title>Food for fungi</title><dc:creator>Hines, P. J.</dc:creator><dc:date>2017-06-15T10:29:47-07:00</dc:date><dc:subject>Ecology</dc:subject></item>
</rdf:RDF>`;

  it("reads items beside the channel, using rdf:about as link and guid", () => {
    const feed = parseFeed(RDF);
    expect(feed).toMatchObject({ kind: "rdf", title: "Science", language: "en" });
    expect(feed.items[0]).toMatchObject({
      url: "https://science.example/a/1",
      guid: "https://science.example/a/1",
      authors: ["Hines, P. J."],
      category: "Ecology",
    });
    expect(feed.items[0].publishedAt?.toISOString()).toBe("2017-06-15T17:29:47.000Z");
  });
});
