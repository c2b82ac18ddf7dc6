import type { Schema, Struct } from '@strapi/strapi';

export interface NewsQuote extends Struct.ComponentSchema {
  collectionName: 'components_news_quotes';
  info: {
    description: '\u5F15\u8BED\uFF1A\u539F\u8BDD\u3001\u8BB2\u8BDD\u4EBA\u53CA\u5176\u89C1\u62A5\u804C\u52A1';
    displayName: 'Quote';
    icon: 'quote';
  };
  attributes: {
    speaker: Schema.Attribute.Relation<'oneToOne', 'api::person.person'>;
    speakerTitle: Schema.Attribute.String;
    text: Schema.Attribute.Text & Schema.Attribute.Required;
  };
}

export interface NewsSource extends Struct.ComponentSchema {
  collectionName: 'components_news_sources';
  info: {
    description: '\u7A3F\u4EF6\u6765\u6E90\uFF1A\u53D1\u5E03\u5355\u4F4D\u3001\u539F\u6587\u94FE\u63A5\u4E0E\u6293\u53D6\u65F6\u95F4';
    displayName: 'Source';
    icon: 'link';
  };
  attributes: {
    publisher: Schema.Attribute.Relation<
      'oneToOne',
      'api::organisation.organisation'
    >;
    publisherName: Schema.Attribute.String;
    retrievedAt: Schema.Attribute.DateTime;
    url: Schema.Attribute.String;
  };
}

export interface PeoplePosition extends Struct.ComponentSchema {
  collectionName: 'components_people_positions';
  info: {
    description: '\u804C\u52A1\uFF1A\u89C1\u62A5\u804C\u52A1\u540D\u79F0\u3001\u6240\u5728\u673A\u6784\u3001\u4EFB\u804C\u65F6\u95F4\u6216\u51FA\u5904\u6587\u7AE0';
    displayName: 'Position';
    icon: 'briefcase';
  };
  attributes: {
    endDate: Schema.Attribute.Date;
    evidence: Schema.Attribute.Relation<
      'oneToOne',
      'api::news-article.news-article'
    >;
    organisation: Schema.Attribute.Relation<
      'oneToOne',
      'api::organisation.organisation'
    >;
    startDate: Schema.Attribute.Date;
    title: Schema.Attribute.String & Schema.Attribute.Required;
  };
}

export interface SharedMoneyAmount extends Struct.ComponentSchema {
  collectionName: 'components_shared_money_amounts';
  info: {
    description: '\u91D1\u989D\uFF1A\u6570\u503C\uFF08\u5143\uFF0C\u4E0D\u662F\u4E07\u5143\uFF09\u3001\u5E01\u79CD\u3001\u662F\u5426\u7EA6\u6570\uFF0C\u4EE5\u53CA\u539F\u6587\u5199\u6CD5';
    displayName: 'Money amount';
    icon: 'coins';
  };
  attributes: {
    approximate: Schema.Attribute.Boolean &
      Schema.Attribute.Required &
      Schema.Attribute.DefaultTo<false>;
    currency: Schema.Attribute.String &
      Schema.Attribute.Required &
      Schema.Attribute.SetMinMaxLength<{
        maxLength: 3;
      }> &
      Schema.Attribute.DefaultTo<'CNY'>;
    text: Schema.Attribute.String;
    value: Schema.Attribute.Float & Schema.Attribute.Required;
  };
}

export interface SharedSeo extends Struct.ComponentSchema {
  collectionName: 'components_shared_seos';
  info: {
    description: '\u641C\u7D22\u5F15\u64CE\u4E0E\u5206\u4EAB\u8BBE\u7F6E';
    displayName: 'SEO';
    icon: 'search';
  };
  attributes: {
    canonicalUrl: Schema.Attribute.String;
    metaDescription: Schema.Attribute.Text &
      Schema.Attribute.SetMinMaxLength<{
        maxLength: 300;
      }>;
    metaTitle: Schema.Attribute.String &
      Schema.Attribute.SetMinMaxLength<{
        maxLength: 120;
      }>;
    shareImage: Schema.Attribute.Media<'images'>;
  };
}

declare module '@strapi/strapi' {
  export namespace Public {
    export interface ComponentSchemas {
      'news.quote': NewsQuote;
      'news.source': NewsSource;
      'people.position': PeoplePosition;
      'shared.money-amount': SharedMoneyAmount;
      'shared.seo': SharedSeo;
    }
  }
}
